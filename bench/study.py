"""The study benchmark in pandas + scipy + statsmodels: the analyses of bench/data/pals-*.study.yaml.

    /usr/bin/python3 bench/study.py bench/data/pals-1m.csv

Scores as Staffwell scores them (HSE domains: mean of the 5-point items with demands and relationships reversed,
every item needed; GHQ-12: GHQ method 0-0-1-1 sum of the 0-3 codes, every item needed; caseness: total >= 4), then
describe by site (n, mean, sd, se, 95% CI), raw and standardised alpha of every scale (pairwise covariances and
correlations), the prevalence of caseness against 26.8% (exact binomial test, Wilson CI), Welch's ANOVA of the GHQ
total by site with Holm-adjusted pairwise t tests (pooled SD), Welch's t of demands by caseness, Pearson
correlations of every pair (r, n, p, Fisher-z CI), OLS of the GHQ total on the 7 domains and role, and a logistic
regression of caseness on the 7 domains. Prints one JSON line with the seconds of each step.
"""
import json, sys, time
t_import = time.perf_counter()
import numpy as np
import pandas as pd
from scipy import stats
import statsmodels.api as sm
from statsmodels.stats.oneway import anova_oneway
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

path = sys.argv[1]
HSE = {
    'demands': [3, 6, 9, 12, 16, 18, 20, 22], 'control': [2, 10, 15, 19, 25, 30], 'managers_support': [8, 23, 29, 33, 35],
    'peer_support': [7, 24, 27, 31], 'relationships': [5, 14, 21, 34], 'role': [1, 4, 11, 13, 17], 'change': [26, 28, 32],
}
REVERSED = set(HSE['demands'] + HSE['relationships'])
t0 = time.perf_counter()
df = pd.read_csv(path)
t1 = time.perf_counter()
scores = pd.DataFrame(index=df.index)
keyed = {}
for d, items in HSE.items():
    x = pd.DataFrame({f'hse_{i}': (6 - df[f'hse_{i}'] if i in REVERSED else df[f'hse_{i}']) for i in items})
    keyed[d] = x
    scores[d] = x.mean(axis=1, skipna=False)
ghq = df[[f'ghq_{i}' for i in range(1, 13)]]
keyed['ghq_total'] = ghq
scores['ghq_total'] = (ghq >= 2).astype(float).where(ghq.notna()).sum(axis=1, min_count=12)
scores['caseness'] = np.where(scores['ghq_total'].isna(), np.nan, (scores['ghq_total'] >= 4).astype(float))
scores['site'] = df['site']
scores['staff_role'] = df['role']
t2 = time.perf_counter()
names = list(HSE) + ['ghq_total']
g = scores.groupby('site')[names]
desc = g.agg(['count', 'mean', 'std'])
for nm in names:
    n, sd = desc[(nm, 'count')], desc[(nm, 'std')]
    se = sd / np.sqrt(n)
    q = stats.t.ppf(0.975, n - 1)
    desc[(nm, 'lo')] = desc[(nm, 'mean')] - q * se
    desc[(nm, 'hi')] = desc[(nm, 'mean')] + q * se
overall = scores[names].agg(['count', 'mean', 'std'])
t3 = time.perf_counter()
alphas = {}
for nm, x in keyed.items():
    c = x.cov().to_numpy()
    r = x.corr().to_numpy()
    k = x.shape[1]
    alphas[nm] = {'raw': (1 - np.trace(c) / c.sum()) * k / (k - 1), 'std': (1 - k / r.sum()) * k / (k - 1)}
t4 = time.perf_counter()
cases = scores['caseness'].dropna()
x, n = int(cases.sum()), int(cases.size)
binom = stats.binomtest(x, n, 0.268)
wilson = proportion_confint(x, n, method='wilson')
sub = scores[['ghq_total', 'site']].dropna()
groups = [v.to_numpy() for _, v in sub.groupby('site')['ghq_total']]
welch = anova_oneway(groups, use_var='unequal')
means = np.array([v.mean() for v in groups]); ns = np.array([len(v) for v in groups])
sp = np.sqrt(sum(((v - v.mean()) ** 2).sum() for v in groups) / (ns.sum() - len(groups)))
pv = []
for j in range(len(groups)):
    for i in range(j + 1, len(groups)):
        t = (means[i] - means[j]) / (sp * np.sqrt(1 / ns[i] + 1 / ns[j]))
        pv.append(2 * stats.t.sf(abs(t), ns.sum() - len(groups)))
holm = multipletests(pv, method='holm')[1]
dc = scores[['demands', 'caseness']].dropna()
welch_t = stats.ttest_ind(dc.loc[dc.caseness == 0, 'demands'], dc.loc[dc.caseness == 1, 'demands'], equal_var=False)
t5 = time.perf_counter()
cors = []
for i in range(len(names)):
    for j in range(i + 1, len(names)):
        pair = scores[[names[i], names[j]]].dropna()
        r, p = stats.pearsonr(pair.iloc[:, 0], pair.iloc[:, 1])
        z, s = np.arctanh(r), 1 / np.sqrt(len(pair) - 3)
        cors.append((r, len(pair), p, np.tanh(z - 1.959963984540054 * s), np.tanh(z + 1.959963984540054 * s)))
t6 = time.perf_counter()
m = scores[list(HSE) + ['ghq_total', 'staff_role']].dropna()
X = pd.get_dummies(m[list(HSE) + ['staff_role']], columns=['staff_role'], drop_first=True, dtype=float)
ols = sm.OLS(m['ghq_total'], sm.add_constant(X)).fit()
ols_summary = (ols.params, ols.bse, ols.pvalues, ols.conf_int(), ols.rsquared, ols.fvalue)
t7 = time.perf_counter()
m = scores[list(HSE) + ['caseness']].dropna()
logit = sm.GLM(m['caseness'], sm.add_constant(m[list(HSE)]), family=sm.families.Binomial()).fit()
logit_summary = (logit.params, logit.bse, logit.pvalues, logit.conf_int(), logit.deviance, logit.aic)
t8 = time.perf_counter()
print(json.dumps({
    'tool': f'pandas {pd.__version__}, scipy {__import__("scipy").__version__}, statsmodels {sm.__version__}',
    'imports': t0 - t_import, 'read': t1 - t0, 'score': t2 - t1, 'describe': t3 - t2, 'reliability': t4 - t3,
    'tests': t5 - t4, 'correlations': t6 - t5, 'lm': t7 - t6, 'logistic': t8 - t7, 'total': t8 - t0,
    'check': {'demands_raw_alpha': alphas['demands']['raw'], 'cases': x, 'n': n, 'logistic_demands': float(logit.params['demands'])},
}))
