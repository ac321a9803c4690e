import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(HERE,'lowering_lut_vs_kernel_linear.py')).read().split("col=sys.argv")[0])
import time
col=sys.argv[1] if len(sys.argv)>1 else 'hw_c10_pixel3_latency_ms'
y=np.array([float(r[col]) if r[col] else np.nan for r in rows])
A1=build('lin','prune',False); A2=build('lin','all2','relu,mul')
def nodefeat(e):
    live_in=[True,False,False,False]
    for k,(i,j) in enumerate(SRC):
        if e[k]!='none' and live_in[i]: live_in[j]=True
    reach=[False,False,False,True]
    for k in reversed(range(6)):
        i,j=SRC[k]
        if e[k]!='none' and reach[j]: reach[i]=True
    nin=[0]*4
    for k,(i,j) in enumerate(SRC):
        if e[k]!='none' and live_in[i] and reach[j]: nin[j]+=1
    return nin[1:]+[int(x) for x in live_in[1:]]+[int(x) for x in reach[:3]]
N=np.array([nodefeat(parse(r['arch'])) for r in rows],float)
X=np.hstack([A1[:,:-1],A2[:,:-1],N])
def tree_fit(X,g,depth,minleaf=20):
    # returns list of nodes
    def build(ix,d):
        val=g[ix].mean()
        if d==0 or len(ix)<2*minleaf: return ('leaf',val)
        best=None
        for f in range(X.shape[1]):
            xs=X[ix,f]; o=np.argsort(xs,kind='stable'); xs=xs[o]; gs=g[ix][o]
            cs=np.cumsum(gs); n=len(gs); tot=cs[-1]
            cut=np.nonzero(xs[1:]!=xs[:-1])[0]
            cut=cut[(cut+1>=minleaf)&(n-cut-1>=minleaf)]
            if len(cut)==0: continue
            nl=cut+1; sl=cs[cut]; gain=sl**2/nl+(tot-sl)**2/(n-nl)
            b=np.argmax(gain)
            if best is None or gain[b]>best[0]: best=(gain[b],f,(xs[cut[b]]+xs[cut[b]+1])/2)
        if best is None: return ('leaf',val)
        _,f,t=best
        return ('split',f,t,build(ix[X[ix,f]<=t],d-1),build(ix[X[ix,f]>t],d-1))
    return build(np.arange(len(g)),depth)
def tree_pred(t,X):
    if t[0]=='leaf': return np.full(len(X),t[1])
    _,f,th,l,r=t; m=X[:,f]<=th; out=np.empty(len(X)); out[m]=tree_pred(l,X[m]); out[~m]=tree_pred(r,X[~m]); return out
def gbdt(Xtr,ytr,Xte,rounds=150,lr=0.1,depth=4):
    z=np.log(ytr); f0=z.mean(); p=np.full(len(z),f0); pt=np.full(len(Xte),f0)
    for _ in range(rounds):
        t=tree_fit(Xtr,z-p,depth); p+=lr*tree_pred(t,Xtr); pt+=lr*tree_pred(t,Xte)
    return np.exp(pt)
iso=[r['iso_class'] for r in rows]; u=sorted(set(iso)); rng=np.random.RandomState(0); perm=rng.permutation(len(u))
fold={u[p]:i%5 for i,p in enumerate(perm)}; f=np.array([fold[c] for c in iso])
pred=np.zeros(len(y)); t0=time.time()
for k in range(5):
    tr=(f!=k)&~np.isnan(y); te=f==k
    pred[te]=gbdt(X[tr],y[tr],X[te])
ok=~np.isnan(y); err=np.abs(pred[ok]-y[ok])/y[ok]
print('gbdt log', rho(pred[ok],y[ok]),np.median(err),(err<=0.1).mean(), time.time()-t0)
