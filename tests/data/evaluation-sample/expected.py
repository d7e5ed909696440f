#!/usr/bin/env python3
"""Independent computation of what `evaluate --dataset tests/data/evaluation-sample` must report.

Used to get the expected values in tests/OneToOne.Tests/Evaluation/Engine/EvaluateSampleTests.cs. It shares no code
with the C# engine: the csv module reads the files, statistics.mean/stdev give means and SDs, mpmath.betainc gives
Student's t (two-sided p and the 0.975 quantile by mpmath.findroot), statistics.NormalDist gives the normal
distribution for the Wilcoxon test, and the bootstrap's random numbers (SplitMix64 -> xoshiro256**, Lemire's bounded
index) are written out again here from their published descriptions. Run: python3 expected.py [RESAMPLES] [SEED]
"""
import csv
import math
import os
import statistics
import sys
from statistics import NormalDist

import mpmath

mpmath.mp.dps = 40
HERE = os.path.dirname(os.path.abspath(__file__))
MASK = (1 << 64) - 1


def rows(name):
    with open(os.path.join(HERE, name), encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


instruments = {r["instrument"]: (float(r["min"]), float(r["max"]), r["higher_is_better"] == "true",
                                 float(r["minimal_important_difference"])) for r in rows("instruments.csv")}
order = [r["instrument"] for r in rows("instruments.csv")]
rates = {r["staff_role"]: float(r["cost_per_hour"]) for r in rows("unit_costs.csv")}
people = [(r["person_key"], r["cohort"]) for r in rows("people.csv")]
cost = {k: 0.0 for k, _ in people}
contacts = rows("contacts.csv")
for c in contacts:
    cost[c["person_key"]] += float(c["duration_minutes"]) / 60 * rates[c["staff_role"]]
scores = {}
responses = rows("responses.csv")
for r in responses:
    scores[(r["person_key"], r["instrument"], r["timepoint"])] = float(r["score"])


def t_two_sided_p(t, df):
    x = mpmath.mpf(df) / (df + mpmath.mpf(t) ** 2)
    return float(mpmath.betainc(df / mpmath.mpf(2), mpmath.mpf(1) / 2, 0, x, regularized=True))


def t_quantile_975(df):
    # upper tail 0.025 = I_x(df/2, 1/2)/2 with x = df/(df+t^2)
    f = lambda t: mpmath.betainc(df / mpmath.mpf(2), mpmath.mpf(1) / 2, 0, df / (df + t * t), regularized=True) / 2 - mpmath.mpf("0.025")
    return float(mpmath.findroot(f, 2.0))


def wilcoxon_p(d):
    d = [round(x, 9) for x in d]
    nz = [x for x in d if x != 0]
    n = len(nz)
    if n == 0:
        return None
    mags = sorted(abs(x) for x in nz)
    rank = {}
    ties = 0.0
    i = 0
    while i < n:
        j = i
        while j < n and mags[j] == mags[i]:
            j += 1
        rank[mags[i]] = (i + 1 + j) / 2
        t = j - i
        ties += t ** 3 - t
        i = j
    wplus = sum(rank[abs(x)] for x in nz if x > 0)
    mean = n * (n + 1) / 4
    var = n * (n + 1) * (2 * n + 1) / 24 - ties / 48
    if var <= 0:
        return None
    z = (abs(wplus - mean) - 0.5) / math.sqrt(var)
    return min(1.0, 2 * (1 - NormalDist().cdf(z)))


def outcome(name, frm, to):
    lo, hi, higher, mid = instruments[name]
    b, a = [], []
    for k, cohort in people:
        if cohort == "intervention" and (k, name, frm) in scores and (k, name, to) in scores:
            b.append(scores[(k, name, frm)])
            a.append(scores[(k, name, to)])
    n = len(b)
    out = {"instrument": name, "from": frm, "to": to, "pairs": n}
    if n == 0:
        return out
    d = [y - x for x, y in zip(b, a)]
    out.update(meanBefore=statistics.mean(b), meanAfter=statistics.mean(a), meanChange=statistics.mean(d))
    sign = 1 if higher else -1
    out["improvedShare"] = sum(1 for x in d if round(sign * x, 9) > 0 and round(sign * x, 9) >= mid) / n
    if n >= 2 and len(set(d)) > 1:
        m, s = statistics.mean(d), statistics.stdev(d)
        q = t_quantile_975(n - 1)
        out.update(ci95Lower=m - q * s / math.sqrt(n), ci95Upper=m + q * s / math.sqrt(n),
                   tTestP=t_two_sided_p(m / (s / math.sqrt(n)), n - 1), effectSize=m / s)
    if n >= 2:
        out["wilcoxonP"] = wilcoxon_p(d)
    return out


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Xoshiro:
    def __init__(self, seed):
        st = seed
        self.s = []
        for _ in range(4):
            st, v = splitmix64(st)
            self.s.append(v)

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def index(self, n):
        m = (self.next() >> 32) * n
        low = m & 0xFFFFFFFF
        if low < n:
            threshold = (2 ** 32 - n) % n
            while low < threshold:
                m = (self.next() >> 32) * n
                low = m & 0xFFFFFFFF
        return m >> 32


def percentile(sorted_values, p):
    h = (len(sorted_values) - 1) * p
    lo = math.floor(h)
    if lo >= len(sorted_values) - 1:
        return sorted_values[-1]
    return sorted_values[lo] + (h - lo) * (sorted_values[lo + 1] - sorted_values[lo])


def cost_effectiveness(name, resamples, seed, wtp):
    lo, hi, higher, mid = instruments[name]
    sign = 1 if higher else -1
    groups = {"intervention": [], "comparator": []}
    for k, cohort in people:
        if (k, name, "baseline") in scores and (k, name, "followup") in scores:
            groups[cohort].append((cost[k], sign * (scores[(k, name, "followup")] - scores[(k, name, "baseline")])))
    gi, gc = groups["intervention"], groups["comparator"]
    mci, mei = statistics.mean(c for c, _ in gi), statistics.mean(e for _, e in gi)
    mcc, mec = statistics.mean(c for c, _ in gc), statistics.mean(e for _, e in gc)
    out = {"interventionPeople": len(gi), "comparatorPeople": len(gc), "meanCostIntervention": mci,
           "meanCostComparator": mcc, "meanEffectIntervention": mei, "meanEffectComparator": mec,
           "incrementalCost": mci - mcc, "incrementalEffect": mei - mec, "icer": (mci - mcc) / (mei - mec)}
    dc, de = [], []
    for b in range(resamples):
        rng = Xoshiro(((seed & 0xFFFFFFFF) << 32) | b)
        si = [gi[rng.index(len(gi))] for _ in range(len(gi))]
        sc = [gc[rng.index(len(gc))] for _ in range(len(gc))]
        dc.append(sum(c for c, _ in si) / len(si) - sum(c for c, _ in sc) / len(sc))
        de.append(sum(e for _, e in si) / len(si) - sum(e for _, e in sc) / len(sc))
    icers = sorted(c / e for c, e in zip(dc, de) if abs(e) > 1e-9)
    out.update(icerCi95Lower=percentile(icers, 0.025), icerCi95Upper=percentile(icers, 0.975),
               incrementalCostCi95Lower=percentile(sorted(dc), 0.025), incrementalCostCi95Upper=percentile(sorted(dc), 0.975),
               incrementalEffectCi95Lower=percentile(sorted(de), 0.025), incrementalEffectCi95Upper=percentile(sorted(de), 0.975),
               undefinedIcerResamples=resamples - len(icers),
               acceptability={l: sum(1 for c, e in zip(dc, de) if l * e - c > 0) / resamples for l in wtp})
    return out


if __name__ == "__main__":
    resamples = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 42
    print("people", len(people), "intervention", sum(1 for _, c in people if c == "intervention"),
          "contacts", len(contacts), "responses", len(responses))
    print("total cost", repr(sum(cost.values())),
          "mean cost intervention", repr(statistics.mean(cost[k] for k, c in people if c == "intervention")),
          "mean cost comparator", repr(statistics.mean(cost[k] for k, c in people if c == "comparator")))
    for name in order:
        for frm, to in (("baseline", "followup"), ("baseline", "discharge")):
            print({k: (repr(v) if isinstance(v, float) else v) for k, v in outcome(name, frm, to).items()})
    print(cost_effectiveness("distress", resamples, seed, [0, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000]))
