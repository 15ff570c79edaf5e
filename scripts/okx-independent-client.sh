#!/usr/bin/env bash
# An OKX v5 client that shares no code with tai2 (curl + openssl), used to prove that the simulator speaks OKX:
# sign in, list SWAP instruments, read ticker/candles/books/balance, set leverage, place a market order with an attached
# stop-loss, query it by client order id and see the position.
# Usage: OKX_BASE_URL=http://127.0.0.1:18080 OKX_API_KEY=K OKX_SECRET_KEY=S OKX_PASSPHRASE=P scripts/okx-independent-client.sh
set -euo pipefail
: "${OKX_BASE_URL:?}" "${OKX_API_KEY:?}" "${OKX_SECRET_KEY:?}" "${OKX_PASSPHRASE:?}"
INST=${INST:-BTC-USDT-SWAP}
CLORD="indep$(date +%s)"

fail() { echo "FAIL: $*" >&2; exit 1; }
field() { grep -o "\"$1\":\"[^\"]*\"" | head -1 | cut -d'"' -f4; }

public() { curl -sf "$OKX_BASE_URL$1"; }

private() { # METHOD PATH_WITH_QUERY [BODY]
  local method=$1 path=$2 body=${3:-} ts sign
  ts=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
  sign=$(printf '%s' "$ts$method$path$body" | openssl dgst -sha256 -hmac "$OKX_SECRET_KEY" -binary | base64)
  curl -s -X "$method" "$OKX_BASE_URL$path" \
    -H "Content-Type: application/json" -H "x-simulated-trading: 1" \
    -H "OK-ACCESS-KEY: $OKX_API_KEY" -H "OK-ACCESS-SIGN: $sign" \
    -H "OK-ACCESS-TIMESTAMP: $ts" -H "OK-ACCESS-PASSPHRASE: $OKX_PASSPHRASE" \
    ${body:+--data-raw "$body"}
}

public "/api/v5/public/instruments?instType=SWAP" | grep -q "\"instId\":\"$INST\"" || fail "instrument list lacks $INST"
last=$(public "/api/v5/market/ticker?instId=$INST" | field last)
[ -n "$last" ] || fail "no ticker"
public "/api/v5/market/candles?instId=$INST&bar=1m&limit=5" | grep -q '"code":"0"' || fail "candles"
public "/api/v5/market/books?instId=$INST&sz=5" | grep -q '"asks":\[\[' || fail "books"
private GET /api/v5/account/balance | grep -q '"ccy":"USDT"' || fail "balance"
private POST /api/v5/account/set-leverage "{\"instId\":\"$INST\",\"lever\":\"5\",\"mgnMode\":\"cross\"}" | grep -q '"lever":"5"' || fail "set-leverage"
sl=$(awk -v p="$last" 'BEGIN { printf "%.1f", p * 0.95 }')
placed=$(private POST /api/v5/trade/order "{\"instId\":\"$INST\",\"tdMode\":\"cross\",\"clOrdId\":\"$CLORD\",\"side\":\"buy\",\"posSide\":\"net\",\"ordType\":\"market\",\"sz\":\"1\",\"attachAlgoOrds\":[{\"slTriggerPx\":\"$sl\",\"slOrdPx\":\"-1\"}]}")
echo "$placed" | grep -q '"sCode":"0"' || fail "order not placed: $placed"
order=$(private GET "/api/v5/trade/order?instId=$INST&clOrdId=$CLORD")
[ "$(echo "$order" | field state)" = filled ] || fail "order not filled: $order"
positions=$(private GET "/api/v5/account/positions?instType=SWAP&instId=$INST")
[ "$(echo "$positions" | field pos)" = 1 ] || fail "no position: $positions"
awk -v a="$(echo "$positions" | field slTriggerPx)" -v b="$sl" 'BEGIN { exit !(a != "" && a + 0 == b + 0) }' \
  || fail "stop-loss not on the position: $positions"
echo "OK: $INST last=$last ordId=$(echo "$placed" | field ordId) filled at $(echo "$order" | field avgPx), stop-loss $sl on the position"
