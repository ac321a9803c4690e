import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(HERE,'live_dead_kernel_classes_trees.py')).read().split("for rel in [False,True]")[0])
def arity(e):
    live_in=[True,False,False,False]
    for k,(i,j) in enumerate(SRC):
        if e[k]!='none' and live_in[i]: live_in[j]=True
    reach=[False,False,False,True]
    for k in reversed(range(6)):
        i,j=SRC[k]
        if e[k]!='none' and reach[j]: reach[i]=True
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
iso=[r['iso_class'] for r in rows]; u=sorted(set(iso)); rng=np.random.RandomState(0); perm=rng.permutation(len(u))
fold={u[p]:i%5 for i,p in enumerate(perm)}; fo=np.array([fold[c] for c in iso])
pred=np.zeros(len(y))
for k in range(5):
    tr=(fo!=k)&~np.isnan(y); te=fo==k
    pred[te]=gbdt(X[tr],y[tr],X[te],rounds=150)
ok=~np.isnan(y); err=np.abs(pred[ok]-y[ok])/y[ok]
print('gbdt dead-split + addN arity hist', rho(pred[ok],y[ok]),np.median(err),(err<=0.1).mean())
