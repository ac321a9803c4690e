import collections
import numpy as np
from nb201_lowering import net_kernels, parse, rho, rows, sig
y=np.array([float(r['hw_c10_pixel3_latency_ms']) for r in rows])
conn=np.array([len(net_kernels(parse(r['arch']),'prune'))>0 for r in rows])
iso=[r['iso_class'] for r in rows]
g=collections.defaultdict(list)
for i,c in enumerate(iso):
    if conn[i]: g[c].append(i)
idx=[];pred=[]
for c,ix in g.items():
    if len(ix)<2: continue
    for i in ix:
        idx.append(i); pred.append(np.median([y[j] for j in ix if j!=i]))
idx=np.array(idx);pred=np.array(pred)
print('oracle n',len(idx),rho(pred,y[idx]),np.median(np.abs(pred-y[idx])/y[idx]))
# how many distinct pruned kernel multisets vs iso classes
ms=collections.defaultdict(set)
for i,r in enumerate(rows):
    if conn[i]:
        key=tuple(sorted(sig(k) for k in net_kernels(parse(r['arch']),'prune')))
        ms[key].add(iso[i])
print('kernel multisets',len(ms),'iso classes connected',len(g))
