#!/usr/bin/env python3
"""Refits src/main/resources/language/text-answer-rule.properties from a RankingDumpTool dump.

Dump every spent set with its documents first (see docs/development.md, "The text-only answer rule"), then:
    python3 scripts/fit-text-answer-rule.py target/ranking-dump.jsonl
It prints the weights and, per set, top-1 / wrong / out-of-scope answered before and after for a grid of
veto/accept thresholds, so the thresholds are chosen on every set at once. It then cross-validates by held-out
document folder (fit weights and choose the threshold on all but one, count on the one left out): those are the
honest figures for a document nobody fitted. Needs numpy.
"""
import collections
import json
import math
import sys

import numpy as np

QUESTION_ONLY_CREDIT = 0.5   # ConfidenceGate.QUESTION_ONLY_CREDIT
UNKNOWN_WORD_WEIGHT = 1.5    # ConfidenceGate.Settings.UNKNOWN_WORD_WEIGHT
RERANK_BASE = 0.25           # PassageSearch.RERANK_BASE
DISTINCTIVE = 0.35           # ConfidenceGate.DISTINCTIVE
LEAD_CAP, HELD_CAP, UNKNOWN_CAP = 3, 4, 4
NEGATIVE_WEIGHT = 1.5        # a wrong or out-of-scope answer costs this much more than a right one is worth
CHOSEN_COST = 2.0           # the threshold is chosen to maximise right - CHOSEN_COST * (wrong + out-of-scope answered)
NAMES = ['logLead', 'heldWeight', 'heldShare', 'unknownWords', 'headingTopic']


def coverage(row, cand):
    """The coverage gate's rarity-weighted coverage, from the dump's per-slot holds (H heading, O text, Q question)."""
    total = covered = 0
    for s, h in zip(row['slots'], cand['holds']):
        if s['weak'] or s['unknown'] and s['general']:
            continue
        w = s['w']
        if s['unknown']:
            total += w if s['understood'] else w * UNKNOWN_WORD_WEIGHT
            continue
        total += w
        repaired = 0.75 if s['repaired'] else 1
        covered += w * repaired * (1 if h in 'HO' else QUESTION_ONLY_CREDIT if h == 'Q' else 0)
    return covered / total if total else 0


def features(row):
    cands = row['cands'][:5]
    scored = sorted(((c['score'] * (RERANK_BASE + coverage(row, c)), i) for i, c in enumerate(cands)),
                    key=lambda t: (-t[0], t[1]))
    leader = cands[scored[0][1]]
    runner_up = cands[scored[1][1]] if len(scored) > 1 else None
    lead = scored[0][0] / scored[1][0] if len(scored) > 1 and scored[1][0] > 0 else LEAD_CAP
    known = held = 0
    unknown = heading = 0
    for i, (s, h) in enumerate(zip(row['slots'], leader['holds'])):
        if s['weak']:
            continue
        if s['unknown']:
            unknown += 0 if s['understood'] or s['general'] else 1
            continue
        known += s['w']
        if h in 'HO':
            held += s['w'] * (0.75 if s['repaired'] else 1)
            # A heading word the runner-up's heading holds too names the document's subject, not the question's.
            if h == 'H' and not s['general'] and not s['anchor'] and s['w'] >= DISTINCTIVE \
                    and (runner_up is None or runner_up['holds'][i] != 'H'):
                heading = 1
    x = [math.log(max(1, min(LEAD_CAP, lead))), min(HELD_CAP, held), held / known if known else 0,
         min(UNKNOWN_CAP, unknown), heading]
    return leader, x


def train(data):
    X = np.array([d[2] for d in data], dtype=float)
    Y = np.array([d[3] for d in data], dtype=float)
    W = np.where(Y == 1, 1.0, NEGATIVE_WEIGHT)
    X1 = np.hstack([X, np.ones((len(X), 1))])
    theta = np.zeros(X1.shape[1])
    for _ in range(20000):
        p = 1 / (1 + np.exp(-X1 @ theta))
        theta -= 0.3 * (X1.T @ (W * (p - Y)) / len(Y) + 0.01 * np.r_[theta[:-1], 0])
    return theta


def added(data, theta, accept):
    """Right, wrong and out-of-scope answers the rule adds to the gate's (data holds only the gate's refusals)."""
    c = collections.Counter()
    for r, _, x, y in data:
        if r['verdict'] != 'ANSWERED' and float(np.dot(theta[:-1], x) + theta[-1]) >= accept:
            c['right' if r['kind'] == 'answer' and y else 'wrong' if r['kind'] == 'answer' else 'oos'] += 1
    return c


def choose_accept(data, theta):
    grid = [a / 4 for a in range(-4, 13)]
    return max(grid, key=lambda a: (lambda c: (c['right'] - CHOSEN_COST * (c['wrong'] + c['oos']), a))(
        added(data, theta, a)))


def cross_validate(data):
    """Held out by document folder: weights and threshold from the others, counted on the one left out."""
    total = collections.Counter()
    for fold in sorted({r['docs'] for r, *_ in data if r['docs']}):
        train_rows = [d for d in data if d[0]['docs'] != fold]
        theta = train(train_rows)
        accept = choose_accept(train_rows, theta)
        c = added([d for d in data if d[0]['docs'] == fold], theta, accept)
        total += c
        print(f"held out {fold}: accept {accept} adds right {c['right']} wrong {c['wrong']} oos {c['oos']}")
    print(f"held out, all folds: adds right {total['right']} wrong {total['wrong']} oos {total['oos']}")


def main(path):
    rows = [json.loads(line) for line in open(path, encoding='utf-8')]
    data = []
    for r in rows:
        if not r['cands']:
            continue
        leader, x = features(r)
        if leader['q']:
            continue
        if r['kind'] == 'answer':
            y = 1 if leader['right'] else 0
        elif r['kind'] in ('oos', 'neg', 'chitchat'):
            y = 0
        else:
            continue
        data.append((r, leader, x, y))
    theta = train(data)
    for name, t in zip(NAMES, theta):
        print(f'weight.{name}={t:.3f}')
    print(f'bias={theta[-1]:.3f}')
    accept = choose_accept(data, theta)
    print(f'accept={accept}  (on every set: adds {dict(added(data, theta, accept))})')
    cross_validate(data)
    by_row = {id(d[0]): d for d in data}
    for veto, accept in [(-9, 9), (-9, 0.0), (-9, 0.25), (-9, 0.5), (-9, 0.75), (-9, 1.0)]:
        totals = collections.defaultdict(collections.Counter)
        for r in rows:
            answered = r['verdict'] == 'ANSWERED'
            right = bool(r['shownRight'] and r['shownRight'][0])
            d = by_row.get(id(r))
            if d and (veto, accept) != (-9, 9):
                s = float(np.dot(theta[:-1], d[2]) + theta[-1])
                answered = s >= veto if answered else s >= accept
                right = d[1]['right']
            c = totals[r['set'].replace('_questions.jsonl', '')]
            if r['kind'] == 'answer':
                c['top1'] += answered and right
                c['wrong'] += answered and not right
            elif r['kind'] in ('oos', 'neg', 'chitchat'):
                c['oos answered'] += answered
        label = 'as dumped' if (veto, accept) == (-9, 9) else f'veto {veto} accept {accept}'
        print(label + ': ' + ' '.join(f"{s}:{c['top1']}/{c['wrong']}/{c['oos answered']}" for s, c in totals.items()))


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'target/ranking-dump.jsonl')
