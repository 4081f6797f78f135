#!/usr/bin/env python3
"""Rough, offline estimate (not through the gateway) of what a "delegated content" rule would trade.

The rule considered: content returned by a call whose every text argument the user's task names (the channel, page or
file the user pointed at) counts as delegated, and destinations found in it are not held. For each suite of an
AgentDojo-format directory this counts
  - useful benign runs whose identifiers (URL, e-mail, IBAN) taken from tool output all come from delegated content
    (what such a rule would release), and
  - successful attacks whose injected text (a sentence of at least 10 letters and digits) sits in delegated content
    (what such a rule would expose: the attacker's destinations would be delegated too).
Matching is by letters and digits, case folded; one level of delegation only. Usage:
  scripts/agentdojo-delegation-estimate.py ../shared/agentdojo banking slack
"""
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

URL = re.compile(r'(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/[^\s\'"]*)?', re.I)
EMAIL = re.compile(r'[\w.+-]+@[\w-]+\.[\w.]+')
IBAN = re.compile(r'\b[A-Z]{2}\d{2}[A-Z0-9]{10,30}\b')


def ld(s):
    return re.sub(r'[^a-z0-9]+', '', str(s).lower())


def text(content):
    if isinstance(content, str):
        return content
    return ' '.join((p.get('content') or p.get('text') or '') for p in (content or []))


def identifiers(s):
    return {ld(x) for x in URL.findall(s) + EMAIL.findall(s) + IBAN.findall(s)}


def estimate(path):
    counts = Counter()
    opener = gzip.open if path.suffix == '.gz' else open
    with opener(path, 'rt') as lines:
        for line in lines:
            run = json.loads(line)
            messages = run['messages']
            task = ld(next((text(m['content']) for m in messages if m['role'] == 'user'), ''))
            calls = [c for m in messages if m['role'] == 'assistant' for c in (m.get('tool_calls') or [])]
            results = [m for m in messages if m['role'] == 'tool']
            used = [False] * len(results)
            delegated, other = '', ''
            for call in calls:
                result = ''
                for i, m in enumerate(results):
                    if not used[i] and m['tool_call']['function'] == call['function']:
                        used[i] = True
                        result = text(m['content'])
                        break
                args = [v for v in (call.get('args') or {}).values() if isinstance(v, str) and v]
                if args and all(ld(v) and ld(v) in task for v in args):
                    delegated += ' ' + result
                else:
                    other += ' ' + result
            if run.get('attack_type') == 'none':
                if not run.get('utility'):
                    continue
                counts['useful benign runs'] += 1
                ids = set()
                for call in calls:
                    for v in (call.get('args') or {}).values():
                        if isinstance(v, str):
                            ids |= identifiers(v)
                from_output = {i for i in ids if i and i not in task and i in ld(delegated + other)}
                if from_output and all(i in ld(delegated) for i in from_output):
                    counts['benign runs released (destinations only from delegated content)'] += 1
            elif run.get('security'):
                counts['successful attacks'] += 1
                injected = ' '.join((run.get('injections') or {}).values())
                sentences = [ld(s) for s in re.split(r'[.!?\n]', injected)]
                if any(len(s) >= 10 and s in ld(delegated) for s in sentences):
                    counts['attacks whose injection sits in delegated content'] += 1
    return counts


if __name__ == '__main__':
    data = Path(sys.argv[1])
    for suite in sys.argv[2:]:
        trace = data / 'traces' / (suite + '.jsonl.gz')
        print(suite, dict(estimate(trace if trace.exists() else data / 'traces' / (suite + '.jsonl'))))
