#!/usr/bin/env bash
# An OKX v5 client that shares no code with tai2 (curl + openssl), used to prove that the simulator speaks OKX:
# sign in, list SWAP instruments, read ticker/candles/books/balance, set leverage, place a market order with an attached
# stop-loss, query it by client order id and see the position; then a trading session as a third-party bot runs it: batch
# entry with attached TP/SL, amend, batch cancel, fills and orders history (paged), and - once the simulator serves them -
# 2,000 one-minute candles paged back from a week ago and the funding-rate history.
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
entry="OK: $INST last=$last ordId=$(echo "$placed" | field ordId) filled at $(echo "$order" | field avgPx), stop-loss $sl on the position"

# --- A trading session: batch entry with attached TP/SL, amend, batch cancel ---
px() { awk -v p="$last" -v f="$1" 'BEGIN { printf "%.1f", p * f }'; }
order_json() { # CLORDID SIDE ORDTYPE SZ [PX] [ATTACHED]
  printf '{"instId":"%s","tdMode":"cross","clOrdId":"%s","side":"%s","ordType":"%s","sz":"%s"%s%s}' \
    "$INST" "$1" "$2" "$3" "$4" "${5:+,\"px\":\"$5\"}" "${6:+,\"attachAlgoOrds\":[$6]}"
}
tp=$(px 1.05); sl2=$(px 0.95)
batch=$(private POST /api/v5/trade/batch-orders "[$(order_json "${CLORD}b1" buy market 1 "" "{\"tpTriggerPx\":\"$tp\",\"tpOrdPx\":\"-1\",\"slTriggerPx\":\"$sl2\",\"slOrdPx\":\"-1\"}"),$(order_json "${CLORD}b2" buy limit 1 "$(px 0.97)" "{\"slTriggerPx\":\"$(px 0.93)\",\"slOrdPx\":\"-1\"}")]")
[ "$(echo "$batch" | grep -o '"sCode":"0"' | wc -l)" = 2 ] || fail "batch entry: $batch"
filled=$(private GET "/api/v5/trade/order?instId=$INST&clOrdId=${CLORD}b1")
[ "$(echo "$filled" | field state)" = filled ] || fail "batch market order not filled: $filled"
awk -v a="$(echo "$filled" | field tpTriggerPx)" -v b="$tp" 'BEGIN { exit !(a != "" && a + 0 == b + 0) }' || fail "take-profit not on the order: $filled"
algos=$(private GET "/api/v5/trade/orders-algo-pending?ordType=oco&instId=$INST")
awk -v a="$(echo "$algos" | field tpTriggerPx)" -v b="$tp" 'BEGIN { exit !(a != "" && a + 0 == b + 0) }' || fail "TP/SL not pending: $algos"
amended=$(private POST /api/v5/trade/amend-order "{\"instId\":\"$INST\",\"clOrdId\":\"${CLORD}b2\",\"newSz\":\"2\",\"newPx\":\"$(px 0.96)\"}")
echo "$amended" | grep -q '"sCode":"0"' || fail "amend: $amended"
resting=$(private GET "/api/v5/trade/order?instId=$INST&clOrdId=${CLORD}b2")
[ "$(echo "$resting" | field sz)" = 2 ] && awk -v a="$(echo "$resting" | field px)" -v b="$(px 0.96)" 'BEGIN { exit !(a + 0 == b + 0) }' \
  || fail "amended order not changed: $resting"
private POST /api/v5/trade/order "$(order_json "${CLORD}b3" buy limit 1 "$(px 0.955)")" | grep -q '"sCode":"0"' || fail "second resting order"
canceled=$(private POST /api/v5/trade/cancel-batch-orders "[{\"instId\":\"$INST\",\"clOrdId\":\"${CLORD}b2\"},{\"instId\":\"$INST\",\"clOrdId\":\"${CLORD}b3\"}]")
[ "$(echo "$canceled" | grep -o '"sCode":"0"' | wc -l)" = 2 ] || fail "batch cancel: $canceled"
private GET "/api/v5/trade/orders-pending?instType=SWAP&instId=$INST" | grep -q '"ordId"' && fail "orders still pending after batch cancel"

# --- Fills and orders history, paged ---
fills=$(private GET "/api/v5/trade/fills-history?instType=SWAP&instId=$INST")
[ "$(echo "$fills" | grep -o '"tradeId"' | wc -l)" -ge 2 ] || fail "fills history: $fills"
echo "$fills" | grep -q "\"clOrdId\":\"${CLORD}b1\"" || fail "batch fill not in fills history: $fills"
history=$(private GET "/api/v5/trade/orders-history?instType=SWAP&state=canceled")
[ "$(echo "$history" | grep -o "\"clOrdId\":\"${CLORD}b[23]\"" | wc -l)" = 2 ] || fail "canceled orders not in history: $history"
page1=$(private GET "/api/v5/trade/orders-history?instType=SWAP&limit=1" | field ordId)
page2=$(private GET "/api/v5/trade/orders-history?instType=SWAP&limit=1&after=$page1" | field ordId)
[ -n "$page2" ] && [ "$page2" != "$page1" ] || fail "orders history paging: $page1 then $page2"
session="batch entry with TP/SL, amend, batch cancel, fills and orders history paged"

# --- Deep history, once the simulator serves it (history-candles paging, funding-rate history) ---
served() { curl -s -o /dev/null -w '%{http_code}' "$OKX_BASE_URL$1" | grep -qv '^404$'; }
if served "/api/v5/market/history-candles?instId=$INST&bar=1m&limit=1"; then
  cursor=$(( ($(date +%s) - 7 * 86400) * 1000 )); count=0; previous=""
  while [ "$count" -lt 2000 ]; do
    page=$(public "/api/v5/market/history-candles?instId=$INST&bar=1m&limit=100&after=$cursor")
    stamps=$(echo "$page" | grep -o '\["[0-9]*"' | tr -d '["')
    [ -n "$stamps" ] || fail "history-candles ran out after $count candles (after=$cursor)"
    newest=${stamps%%$'\n'*} # first line, without a pipe: under pipefail, head closing early kills echo (141)
    [ "$newest" -lt "$cursor" ] || fail "history-candles page not older than after=$cursor: $newest"
    [ -z "$previous" ] || [ "$newest" = $((previous - 60000)) ] || fail "gap between pages: $previous then $newest"
    count=$((count + $(wc -l <<< "$stamps"))); cursor=${stamps##*$'\n'}; previous=$cursor
  done
  session="$session, $count one-minute candles paged back from a week ago"
else
  session="$session (history-candles not served: skipped)"
fi
if served "/api/v5/public/funding-rate-history?instId=$INST&limit=1"; then
  rates=$(public "/api/v5/public/funding-rate-history?instId=$INST&limit=100")
  [ "$(echo "$rates" | grep -o '"fundingTime"' | wc -l)" -ge 3 ] || fail "funding-rate history: $rates"
  session="$session, funding-rate history"
else
  session="$session (funding-rate-history not served: skipped)"
fi
echo "$entry"
echo "OK: session - $session"
