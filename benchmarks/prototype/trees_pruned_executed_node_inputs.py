import time
import numpy as np
from nb201_lowering import build, gbdt_cv, latency, live_reach, parse, rows, SRC
y=latency()
A1=build('lin','prune',False); A2=build('lin','all2','relu,mul')
def nodefeat(e):
    live_in,reach=live_reach(e)
    nin=[0]*4
    for k,(i,j) in enumerate(SRC):
        if e[k]!='none' and live_in[i] and reach[j]: nin[j]+=1
    return nin[1:]+[int(x) for x in live_in[1:]]+[int(x) for x in reach[:3]]
N=np.array([nodefeat(parse(r['arch'])) for r in rows],float)
X=np.hstack([A1[:,:-1],A2[:,:-1],N])
t0=time.time()
print('gbdt log', *gbdt_cv(X,y), time.time()-t0)
