import csv, numpy as np, collections, sys, os
rows=list(csv.DictReader(open(os.path.join(os.environ.get('NAS_BENCHMARKS','../shared/benchmarks'),'nb201.csv'))))
SRC=[(0,1),(0,2),(1,2),(0,3),(1,3),(2,3)]
def parse(a):
    e=[]
    for n in a.split('+'):
        for t in n.strip('|').split('|'):
            op,j=t.split('~'); e.append(op)
    return e
def conv(k,c_in,c_out,h,s,g=1,prerelu=False):
    return dict(t='conv' if g==1 else 'gconv',k=k,ci=c_in,co=c_out,h=h,s=s,g=g)
def kern(t,**kw): d=dict(t=t,k=0,ci=0,co=0,h=0,s=1,g=1); d.update(kw); return d
def cell_kernels(e,C,H,mode,dedupe):
    out=[]
    live_in=[True,False,False,False]
    for k,(i,j) in enumerate(SRC):
        if e[k]!='none' and live_in[i]: live_in[j]=True
    reach_out=[False,False,False,True]
    for k in reversed(range(6)):
        i,j=SRC[k]
        if e[k]!='none' and reach_out[j]: reach_out[i]=True
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
            kk=3 if op.endswith('3x3') else 1
            if not(dedupe and i in relus): out.append(kern('relu',ci=C,co=C,h=H))
            relus.add(i)
            out.append(kern('conv',k=kk,ci=C,co=C,h=H))
        if op=='avg_pool_3x3': out.append(kern('pool',k=3,ci=C,co=C,h=H))
    for j in range(1,4):
        for _ in range(max(0,nin[j]-1)): out.append(kern('add',ci=C,co=C,h=H))
    return out
def cell_all(e,C,H,mode,dedupe):
    live_in=[True,False,False,False]
    for k,(i,j) in enumerate(SRC):
        if e[k]!='none' and live_in[i]: live_in[j]=True
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
            kk=3 if op.endswith('3x3') else 1
            fused = 'fuse' in dedupe and i>0 and all(c.startswith('nor_conv') for c in consumers[i]) and nin[i]>1
            if not fused and not('relu' in dedupe and i in relu_src): out.append(kern('relu',ci=C,co=C,h=H))
            relu_src.add(i)
            out.append(kern('conv',k=kk,ci=C,co=C,h=H))
        if op=='avg_pool_3x3': out.append(kern('pool',k=3,ci=C,co=C,h=H))
    for j in range(1,4):
        for _ in range(max(0,nin[j]-1)): out.append(kern('add',ci=C,co=C,h=H))
    return out
def net_kernels(e,mode='prune',dedupe=False):
    ks=[kern('conv',k=3,ci=3,co=16,h=32)]
    C,H=16,32
    for st in range(3):
        if st>0:
            ks+= [kern('relu',ci=C,co=C,h=H),kern('conv',k=3,ci=C,co=2*C,h=H,s=2),kern('conv',k=3,ci=2*C,co=2*C,h=H//2),
                  kern('pool',k=2,ci=C,co=C,h=H,s=2),kern('conv',k=1,ci=C,co=2*C,h=H//2),kern('add',ci=2*C,co=2*C,h=H//2)]
            C*=2;H//=2
        for c in range(5):
            ck=cell_all(e,C,H,mode,dedupe) if mode=='all2' else cell_kernels(e,C,H,mode,dedupe)
            if ck is None: return []
            ks+=ck
    ks+=[kern('relu',ci=C,co=C,h=H),kern('gap',ci=C,co=C,h=H),kern('fc',ci=64,co=10,h=1)]
    return ks
def feats_kernel(k):
    h=k['h']; ho=h//k['s']
    macs=k['k']*k['k']*k['ci']*k['co']*ho*ho//k['g'] if k['t'] in('conv','gconv') else (k['ci']*k['co'] if k['t']=='fc' else k['ci']*ho*ho*max(1,k['k']**2))
    by=(k['ci']*h*h+k['co']*ho*ho)
    return macs,by
def sig(k): return '%s_k%d_%d_%d_%d_s%d'%(k['t'],k['k'],k['ci'],k['co'],k['h'],k['s'])
TYPES=['conv','gconv','relu','pool','add','mul','gap','fc']
def build(variant,mode,dedupe):
    keys={};X=[]
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
        for kk in f: keys.setdefault(kk,len(keys))
    A=np.zeros((len(rows),len(keys)+1)); A[:,-1]=1
    for i,f in enumerate(X):
        for kk,v in f.items(): A[i,keys[kk]]=v
    return A
def rho(a,b):
    ra=np.argsort(np.argsort(a));rb=np.argsort(np.argsort(b));return np.corrcoef(ra,rb)[0,1]
def cv(A,y,lam=1e-3,rel=True):
    iso=[r['iso_class'] for r in rows]; u=sorted(set(iso)); rng=np.random.RandomState(0); perm=rng.permutation(len(u))
    fold={u[p]:i%5 for i,p in enumerate(perm)}; f=np.array([fold[c] for c in iso])
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
col=sys.argv[1] if len(sys.argv)>1 else 'hw_c10_pixel3_latency_ms'
y=np.array([float(r[col]) if r[col] else np.nan for r in rows])
for variant,mode,dd in [('lut',None,False),('lin','prune',False),('lin','all',False),('lin','all2',''),('lin','all2','relu'),('lin','all2','relu,mul'),('lin','all2','relu,mul,fuse'),('linsig','all2','relu,mul'),('sig','all2','relu,mul')]:
    A=build(variant,mode,dd)
    for rel in [False,True]:
        print(variant,mode,dd,rel,A.shape[1],['%.4f'%v for v in cv(A,y,1e-6,rel)])
sys.exit(0)
for variant,mode,dd in [('lut',None,False),('lin','prune',False),('lin','all',False),('lin','prune0',False),('sig','prune',False),('sig','all',False),('linsig','prune',False),('linsig','all',False),('linsig','prune',True),('linsig','all',True)]:
    A=build(variant,mode,dd)
    for lam in [1e-6,1e-4]:
        print(variant,mode,dd,lam,A.shape[1],['%.4f'%v for v in cv(A,y,lam)])
