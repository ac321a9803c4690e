"""What the prototype scripts share: the NB201 table, lowerings of an NB201 cell to kernels, kernel features, and the
grouped 5-fold cross-validation of a ridge model (cv) and of a gradient-boosted tree ensemble (gbdt_cv)."""
import csv, numpy as np, collections, sys, os
rows=list(csv.DictReader(open(os.path.join(os.environ.get('NAS_BENCHMARKS','../shared/benchmarks'),'nb201.csv'))))
SRC=[(0,1),(0,2),(1,2),(0,3),(1,3),(2,3)]
def parse(a):
    e=[]
    for n in a.split('+'):
        for t in n.strip('|').split('|'):
            op,j=t.split('~'); e.append(op)
    return e
def latency():
    """The column named by the first argument (default: Pixel 3), NaN where empty."""
    col=sys.argv[1] if len(sys.argv)>1 else 'hw_c10_pixel3_latency_ms'
    return np.array([float(r[col]) if r[col] else np.nan for r in rows])
def kern(t,**kw): d=dict(t=t,k=0,ci=0,co=0,h=0,s=1,g=1); d.update(kw); return d
def conv_kern(op,C,H,sfx=''): return kern('conv'+sfx,k=3 if op.endswith('3x3') else 1,ci=C,co=C,h=H)
def add_kerns(nin,C,H): return [kern('add',ci=C,co=C,h=H) for j in range(1,4) for _ in range(max(0,nin[j]-1))]
def live_reach(e):
    """Per node: whether the input reaches it (live_in), whether it reaches the output (reach)."""
    live_in=[True,False,False,False]
    for k,(i,j) in enumerate(SRC):
        if e[k]!='none' and live_in[i]: live_in[j]=True
    reach=[False,False,False,True]
    for k in reversed(range(6)):
        i,j=SRC[k]
        if e[k]!='none' and reach[j]: reach[i]=True
    return live_in,reach
def cell_kernels(e,C,H,mode,dedupe):
    out=[]
    live_in,reach_out=live_reach(e)
    if not live_in[3]: return None
    nin=[0]*4; relus=set()
    for k,(i,j) in enumerate(SRC):
        op=e[k]
        if mode=='prune' and (not live_in[i] or not reach_out[j]): continue
        if mode=='fold' and not live_in[i]: continue
        if op=='none':
            if mode in('all','fold'): out.append(kern('mul',ci=C,co=C,h=H)); nin[j]+=1
            continue
        nin[j]+=1
        if op=='skip_connect': continue
        if op.startswith('nor_conv'):
            if not(dedupe and i in relus): out.append(kern('relu',ci=C,co=C,h=H))
            relus.add(i)
            out.append(conv_kern(op,C,H))
        if op=='avg_pool_3x3': out.append(kern('pool',k=3,ci=C,co=C,h=H))
    return out+add_kerns(nin,C,H)
def cell_all(e,C,H,mode,dedupe):
    live_in,_=live_reach(e)
    if not live_in[3]: return None
    out=[]; relu_src=set(); mul_src=set(); nin=[0]*4
    consumers=collections.defaultdict(list)
    for k,(i,j) in enumerate(SRC): consumers[i].append(e[k])
    for k,(i,j) in enumerate(SRC):
        op=e[k]; nin[j]+=1
        if op=='none':
            if 'mul' in dedupe and i in mul_src: continue
            mul_src.add(i); out.append(kern('mul',ci=C,co=C,h=H)); continue
        if op.startswith('nor_conv'):
            fused = 'fuse' in dedupe and i>0 and all(c.startswith('nor_conv') for c in consumers[i]) and nin[i]>1
            if not fused and not('relu' in dedupe and i in relu_src): out.append(kern('relu',ci=C,co=C,h=H))
            relu_src.add(i)
            out.append(conv_kern(op,C,H))
        if op=='avg_pool_3x3': out.append(kern('pool',k=3,ci=C,co=C,h=H))
    return out+add_kerns(nin,C,H)
def cell_dead(e,C,H):
    """Every op executed; the kernels of dead edges (not on an input-output path) are their own classes."""
    live_in,reach=live_reach(e)
    if not live_in[3]: return None
    out=[]; nin=[0]*4; ninl=[0]*4
    for k,(i,j) in enumerate(SRC):
        op=e[k]; live=live_in[i] and reach[j] and op!='none'
        sfx='' if live else '_dead'
        nin[j]+=1
        if live: ninl[j]+=1
        if op=='none': out.append(kern('mul_dead',ci=C,co=C,h=H)); continue
        if op.startswith('nor_conv'):
            out.append(kern('relu'+sfx,ci=C,co=C,h=H)); out.append(conv_kern(op,C,H,sfx))
        if op=='avg_pool_3x3': out.append(kern('pool'+sfx,k=3,ci=C,co=C,h=H))
    for j in range(1,4):
        for _ in range(max(0,ninl[j]-1)): out.append(kern('add',ci=C,co=C,h=H))
        for _ in range(max(0,nin[j]-1)-max(0,ninl[j]-1)): out.append(kern('add_dead',ci=C,co=C,h=H))
    return out
def net(e,cell,add='add'):
    """Kernels of the NB201 CIFAR network, cell(e,C,H) lowering each of its 15 cells; [] if a cell is disconnected."""
    ks=[kern('conv',k=3,ci=3,co=16,h=32)]
    C,H=16,32
    for st in range(3):
        if st>0:
            ks+= [kern('relu',ci=C,co=C,h=H),kern('conv',k=3,ci=C,co=2*C,h=H,s=2),kern('conv',k=3,ci=2*C,co=2*C,h=H//2),
                  kern('pool',k=2,ci=C,co=C,h=H,s=2),kern('conv',k=1,ci=C,co=2*C,h=H//2),kern(add,ci=2*C,co=2*C,h=H//2)]
            C*=2;H//=2
        for c in range(5):
            ck=cell(e,C,H)
            if ck is None: return []
            ks+=ck
    ks+=[kern('relu',ci=C,co=C,h=H),kern('gap',ci=C,co=C,h=H),kern('fc',ci=64,co=10,h=1)]
    return ks
def net_kernels(e,mode='prune',dedupe=False):
    return net(e,lambda e,C,H: cell_all(e,C,H,mode,dedupe) if mode=='all2' else cell_kernels(e,C,H,mode,dedupe))
def feats_kernel(k):
    h=k['h']; ho=h//k['s']
    macs=k['k']*k['k']*k['ci']*k['co']*ho*ho//k['g'] if k['t'] in('conv','gconv') else (k['ci']*k['co'] if k['t']=='fc' else k['ci']*ho*ho*max(1,k['k']**2))
    by=(k['ci']*h*h+k['co']*ho*ho)
    return macs,by
def sig(k): return '%s_k%d_%d_%d_%d_s%d'%(k['t'],k['k'],k['ci'],k['co'],k['h'],k['s'])
def matrix(X):
    """One row per feature counter, one column per feature (in order of appearance), then a constant column."""
    keys={}
    for f in X:
        for kk in f: keys.setdefault(kk,len(keys))
    A=np.zeros((len(X),len(keys)+1)); A[:,-1]=1
    for i,f in enumerate(X):
        for kk,v in f.items(): A[i,keys[kk]]=v
    return A
def build(variant,mode,dedupe):
    X=[]
    for r in rows:
        e=parse(r['arch'])
        if variant=='lut':
            f=collections.Counter(('%d_%s'%(k,op)) for k,op in enumerate(e))
        else:
            f=collections.Counter()
            for k in net_kernels(e,mode,dedupe):
                m,b=feats_kernel(k)
                if variant in('lin','linsig'):
                    f[k['t']+'_n']+=1; f[k['t']+'_m']+=m/1e6; f[k['t']+'_b']+=b/1e5
                if variant in('sig','linsig'): f[sig(k)]+=1
        X.append(f)
    return matrix(X)
def class_matrix(lower,kind):
    """Linear features (count, MACs, bytes) per kernel class of lower(e); kind(class) is the kernel type counted."""
    F=[]
    for r in rows:
        f=collections.Counter()
        for k in lower(parse(r['arch'])):
            m,b=feats_kernel(dict(k,t=kind(k['t'])))
            f[k['t']+'_n']+=1; f[k['t']+'_m']+=m/1e6; f[k['t']+'_b']+=b/1e5
        F.append(f)
    return matrix(F)
def rho(a,b):
    ra=np.argsort(np.argsort(a));rb=np.argsort(np.argsort(b));return np.corrcoef(ra,rb)[0,1]
def folds():
    """Fold 0..4 of every row, folds grouped by iso_class (numpy seed 0)."""
    iso=[r['iso_class'] for r in rows]; u=sorted(set(iso)); rng=np.random.RandomState(0); perm=rng.permutation(len(u))
    fold={u[p]:i%5 for i,p in enumerate(perm)}; return np.array([fold[c] for c in iso])
def cv(A,y,lam=1e-3,rel=True):
    f=folds()
    pred=np.zeros(len(y))
    for k in range(5):
        tr=(f!=k)&~np.isnan(y); te=f==k
        w=1/np.maximum(y[tr],0.2*np.nanmedian(y)) if rel else np.ones(tr.sum())
        Aw=A[tr]*w[:,None]; yw=y[tr]*w
        sc=np.sqrt((Aw**2).mean(0))+1e-12
        An=Aw/sc
        coef=np.linalg.solve(An.T@An+lam*len(yw)*np.eye(A.shape[1]),An.T@yw)/sc
        pred[te]=A[te]@coef
    ok=~np.isnan(y)
    err=np.abs(pred[ok]-y[ok])/y[ok]
    return rho(pred[ok],y[ok]),np.median(err),(err<=0.1).mean()
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
def gbdt_cv(X,y):
    """Spearman rho, median relative error and share within 10% of the tree ensemble's held-out predictions."""
    fo=folds(); pred=np.zeros(len(y))
    for k in range(5):
        tr=(fo!=k)&~np.isnan(y); te=fo==k
        pred[te]=gbdt(X[tr],y[tr],X[te])
    ok=~np.isnan(y); err=np.abs(pred[ok]-y[ok])/y[ok]
    return rho(pred[ok],y[ok]),np.median(err),(err<=0.1).mean()
