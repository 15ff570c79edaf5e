#!/usr/bin/env python3
"""Reference indicator values, computed from the formulas (TA-Lib's algorithms) with numpy, independently of tai2's Java.

Usage: scripts/indicator-reference.py CANDLES.json OUT.json

Reads [ts, open, high, low, close, volume] rows (numbers or OKX strings, any order) and writes
{"ts": [...], "<name>": [...], ...}, oldest first, null where the indicator is not defined yet. The test suite compares
tai2's incremental indicators with the file this writes for shared/data/xrp-usdt-swap-5m.json.

Definitions (TA-Lib; pandas-ta follows it):
- EMA(n): seeded with the SMA of the first n values, then ema += 2/(n+1) * (x - ema).
- RSI(14), ATR(14): Wilder smoothing, seeded with the plain average of the first 14 changes / true ranges.
- MACD(12, 26, 9): TA-Lib aligns both EMAs at index 25: the slow EMA is seeded with the SMA of closes[0..25], the fast
  one with the SMA of closes[14..25]; the signal EMA is seeded with the SMA of the first 9 MACD values; all three
  outputs start at index 33.
- ADX(14), +DI/-DI(14): TA-Lib's DM/TR sums over the first 13 changes, then Wilder smoothing; DI from index 14, ADX is
  the mean of the first 14 DX values (index 27), then Wilder.
- Bollinger(20, 2): SMA and population standard deviation.
- StochRSI(14, 14, 3, 3): stoch of RSI over 14 (0 when flat), %K = SMA3(stoch), %D = SMA3(%K).
- CMF(20): sum(mfm * volume) / sum(volume) over 20, mfm = ((c - l) - (h - c)) / (h - l), 0 when h == l.
- OBV: starts at the first volume, +/- volume on up/down closes.
- VWAP: typical price (h + l + c) / 3, volume weighted, reset at each UTC midnight.
"""
import json
import math
import sys

import numpy as np

NAN = float("nan")


def load(path):
    rows = json.load(open(path))
    parsed = [[float(v) for v in r[:6]] for r in rows]
    parsed.sort(key=lambda r: r[0])
    a = np.array(parsed, dtype=np.float64)
    return a[:, 0].astype(np.int64), a[:, 1], a[:, 2], a[:, 3], a[:, 4], a[:, 5]


def sma(x, n):
    out = np.full(len(x), NAN)
    for i in range(n - 1, len(x)):
        out[i] = x[i - n + 1 : i + 1].sum() / n
    return out


def ema_from(x, n, seed_start, seed_end):
    """EMA whose first value, at seed_end, is the mean of x[seed_start..seed_end]."""
    out = np.full(len(x), NAN)
    k = 2.0 / (n + 1)
    if seed_end >= len(x):
        return out
    prev = x[seed_start : seed_end + 1].sum() / (seed_end - seed_start + 1)
    out[seed_end] = prev
    for i in range(seed_end + 1, len(x)):
        prev = (x[i] - prev) * k + prev
        out[i] = prev
    return out


def ema(x, n):
    return ema_from(x, n, 0, n - 1)


def rsi(x, n=14):
    out = np.full(len(x), NAN)
    if len(x) <= n:
        return out
    gains = losses = 0.0
    for i in range(1, n + 1):
        d = x[i] - x[i - 1]
        gains += max(d, 0.0)
        losses += max(-d, 0.0)
    avg_g, avg_l = gains / n, losses / n
    out[n] = 0.0 if avg_g + avg_l == 0 else 100.0 * avg_g / (avg_g + avg_l)
    for i in range(n + 1, len(x)):
        d = x[i] - x[i - 1]
        avg_g = (avg_g * (n - 1) + max(d, 0.0)) / n
        avg_l = (avg_l * (n - 1) + max(-d, 0.0)) / n
        out[i] = 0.0 if avg_g + avg_l == 0 else 100.0 * avg_g / (avg_g + avg_l)
    return out


def true_range(h, l, c):
    tr = np.full(len(c), NAN)
    for i in range(1, len(c)):
        tr[i] = max(h[i] - l[i], abs(h[i] - c[i - 1]), abs(l[i] - c[i - 1]))
    return tr


def atr(h, l, c, n=14):
    tr = true_range(h, l, c)
    out = np.full(len(c), NAN)
    if len(c) <= n:
        return out
    prev = tr[1 : n + 1].sum() / n
    out[n] = prev
    for i in range(n + 1, len(c)):
        prev = (prev * (n - 1) + tr[i]) / n
        out[i] = prev
    return out


def directional(h, l, i):
    up, down = h[i] - h[i - 1], l[i - 1] - l[i]
    plus = up if (up > 0 and up > down) else 0.0
    minus = down if (down > 0 and up < down) else 0.0
    return plus, minus


def adx(h, l, c, n=14):
    size = len(c)
    di_p, di_m, dx, adx_out = (np.full(size, NAN) for _ in range(4))
    tr = true_range(h, l, c)
    if size <= n:
        return adx_out, di_p, di_m
    sp = sm = st = 0.0
    for i in range(1, n):  # 13 changes, summed
        p, m = directional(h, l, i)
        sp, sm, st = sp + p, sm + m, st + tr[i]
    for i in range(n, size):  # Wilder from the 14th change on
        p, m = directional(h, l, i)
        sp = sp - sp / n + p
        sm = sm - sm / n + m
        st = st - st / n + tr[i]
        if st != 0:
            di_p[i], di_m[i] = 100.0 * sp / st, 100.0 * sm / st
        else:
            di_p[i], di_m[i] = 0.0, 0.0
        total = di_p[i] + di_m[i]
        dx[i] = 0.0 if total == 0 else 100.0 * abs(di_p[i] - di_m[i]) / total
    first = 2 * n - 1  # 27
    if size > first:
        prev = dx[n : first + 1].sum() / n
        adx_out[first] = prev
        for i in range(first + 1, size):
            prev = (prev * (n - 1) + dx[i]) / n
            adx_out[i] = prev
    return adx_out, di_p, di_m


def macd(c, fast=12, slow=26, signal=9):
    start = slow - 1  # 25
    slow_ema = ema_from(c, slow, 0, start)
    fast_ema = ema_from(c, fast, start - fast + 1, start)
    line = fast_ema - slow_ema
    sig = np.full(len(c), NAN)
    first = start + signal - 1  # 33
    if len(c) > first:
        sig_vals = ema_from(line[start:], signal, 0, signal - 1)
        sig[start:] = sig_vals
    out_line = np.where(np.arange(len(c)) >= first, line, NAN)
    return out_line, sig, out_line - sig


def bbands(c, n=20, k=2.0):
    mid = sma(c, n)
    up, lo = np.full(len(c), NAN), np.full(len(c), NAN)
    for i in range(n - 1, len(c)):
        w = c[i - n + 1 : i + 1]
        sd = math.sqrt(max(0.0, (w * w).sum() / n - (w.sum() / n) ** 2))
        up[i], lo[i] = mid[i] + k * sd, mid[i] - k * sd
    return up, mid, lo


def stochrsi(c, length=14, rsi_length=14, k=3, d=3):
    r = rsi(c, rsi_length)
    stoch = np.full(len(c), NAN)
    for i in range(rsi_length + length - 1, len(c)):
        w = r[i - length + 1 : i + 1]
        lo, hi = w.min(), w.max()
        stoch[i] = 0.0 if hi == lo else 100.0 * (r[i] - lo) / (hi - lo)
    kk = np.full(len(c), NAN)
    for i in range(rsi_length + length - 1 + k - 1, len(c)):
        kk[i] = stoch[i - k + 1 : i + 1].mean()
    dd = np.full(len(c), NAN)
    for i in range(rsi_length + length - 1 + k - 1 + d - 1, len(c)):
        dd[i] = kk[i - d + 1 : i + 1].mean()
    return kk, dd


def cmf(h, l, c, v, n=20):
    mfm = np.where(h == l, 0.0, ((c - l) - (h - c)) / np.where(h == l, 1.0, h - l))
    out = np.full(len(c), NAN)
    for i in range(n - 1, len(c)):
        vol = v[i - n + 1 : i + 1].sum()
        out[i] = NAN if vol == 0 else (mfm[i - n + 1 : i + 1] * v[i - n + 1 : i + 1]).sum() / vol
    return out


def obv(c, v):
    out = np.zeros(len(c))
    out[0] = v[0]
    for i in range(1, len(c)):
        out[i] = out[i - 1] + (v[i] if c[i] > c[i - 1] else -v[i] if c[i] < c[i - 1] else 0.0)
    return out


def vwap(ts, h, l, c, v):
    out = np.full(len(c), NAN)
    day, pv, vol = None, 0.0, 0.0
    for i in range(len(c)):
        d = ts[i] // 86_400_000
        if d != day:
            day, pv, vol = d, 0.0, 0.0
        pv += (h[i] + l[i] + c[i]) / 3.0 * v[i]
        vol += v[i]
        out[i] = NAN if vol == 0 else pv / vol
    return out


def main():
    ts, o, h, l, c, v = load(sys.argv[1])
    line, sig, hist = macd(c)
    up, mid, lo = bbands(c)
    adx14, dip, dim = adx(h, l, c)
    k, d = stochrsi(c)
    series = {
        "rsi_14": rsi(c), "ema_50": ema(c, 50), "ema_200": ema(c, 200),
        "macd_line": line, "macd_signal": sig, "macd_hist": hist,
        "bb_upper": up, "bb_middle": mid, "bb_lower": lo,
        "atr_14": atr(h, l, c), "adx_14": adx14, "di_plus_14": dip, "di_minus_14": dim,
        "obv": obv(c, v), "volume_sma_20": sma(v, 20), "volume_rsi_14": rsi(v), "cmf_20": cmf(h, l, c, v),
        "stochrsi_k": k, "stochrsi_d": d, "vwap": vwap(ts, h, l, c, v),
    }
    out = {"ts": [int(t) for t in ts]}
    for name, values in series.items():
        out[name] = [None if math.isnan(x) else float(x) for x in values]
    json.dump(out, open(sys.argv[2], "w"), separators=(",", ":"))


if __name__ == "__main__":
    main()
