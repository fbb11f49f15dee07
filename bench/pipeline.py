"""The benchmark pipeline in pandas: read + 7 scale scores + pairwise alpha per scale + by-site means.

    python3 bench/pipeline.py bench/data/survey-1m.csv bench/data/survey-1m.keys.json

Prints one JSON line with the seconds of each step. Scale score = mean of the answered keyed items (reversed
items as 6 - x), as psych::scoreItems(impute="none"); alpha = raw alpha from the pairwise covariance matrix of
the keyed items (pandas' DataFrame.cov is pairwise-complete), std alpha from the pairwise correlation matrix.
"""
import json, sys, time
import numpy as np
import pandas as pd

path, keys_path = sys.argv[1], sys.argv[2]
keys = json.load(open(keys_path))
t0 = time.perf_counter()
df = pd.read_csv(path)
t1 = time.perf_counter()
scores = {}
alphas = {}
for scale, items in keys.items():
    names = [i.lstrip('-') for i in items]
    x = df[names].copy()
    for i in items:
        if i.startswith('-'):
            x[i[1:]] = 6 - x[i[1:]]
    scores[scale] = x.mean(axis=1, skipna=True)
    c = x.cov().to_numpy()
    r = x.corr().to_numpy()
    k = len(names)
    alphas[scale] = {
        'raw_alpha': (1 - np.trace(c) / c.sum()) * k / (k - 1),
        'std_alpha': (1 - k / r.sum()) * k / (k - 1),
    }
t2 = time.perf_counter()
sc = pd.DataFrame(scores)
sc['site'] = df['site']
by_site = sc.groupby('site').mean()
t3 = time.perf_counter()
print(json.dumps({'tool': 'pandas ' + pd.__version__, 'read': t1 - t0, 'scores_alpha': t2 - t1, 'by_site': t3 - t2,
                  'total': t3 - t0, 'check': alphas['demands']['raw_alpha']}))
