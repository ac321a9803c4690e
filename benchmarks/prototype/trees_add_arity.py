import numpy as np
from nb201_lowering import cell_dead, class_matrix, gbdt_cv, latency, live_reach, net, parse, rows, SRC
y=latency()
A=class_matrix(lambda e: net(e,cell_dead),lambda t: t.replace('_dead',''))
def arity(e):
    live_in,reach=live_reach(e)
    ninl=[0]*4
    for k,(i,j) in enumerate(SRC):
        if e[k]!='none' and live_in[i] and reach[j]: ninl[j]+=1
    h=[0]*4
    for j in range(1,4):
        if reach[j] and live_in[j]: h[ninl[j]]+=1
    # tensors live: number of live nodes
    return h+[sum(1 for j in range(1,4) if reach[j] and live_in[j])]
H=np.array([arity(parse(r['arch'])) for r in rows],float)
X=np.hstack([A[:,:-1],H])
print('gbdt dead-split + addN arity hist', *gbdt_cv(X,y))
