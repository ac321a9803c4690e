import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(HERE,'live_dead_kernel_classes_trees.py')).read().split("keys={};F=[]")[0])
def cell_final(e,C,H):
    live_in=[True,False,False,False]
    for k,(i,j) in enumerate(SRC):
        if e[k]!='none' and live_in[i]: live_in[j]=True
    if not live_in[3]: return None
    reach=[False,False,False,True]
    for k in reversed(range(6)):
        i,j=SRC[k]
        if e[k]!='none' and reach[j]: reach[i]=True
    out=[]; nin=[0]*4; relu_src=set(); mul_src=set()
    for k,(i,j) in enumerate(SRC):
        op=e[k]; live=live_in[i] and reach[j] and op!='none'
        sfx='' if live else '_dead'
        nin[j]+=1
        if op=='none':
            out.append(kern('mul_dead' if i not in mul_src else 'mul_dup',ci=C,co=C,h=H)); mul_src.add(i); continue
        if op.startswith('nor_conv'):
            kk=3 if op.endswith('3x3') else 1
            out.append(kern(('relu' if i not in relu_src else 'relu_dup')+sfx,ci=C,co=C,h=H)); relu_src.add(i)
            out.append(kern('conv'+sfx,k=kk,ci=C,co=C,h=H))
        if op=='avg_pool_3x3': out.append(kern('pool'+sfx,k=3,ci=C,co=C,h=H))
    for j in range(1,4):
        ln=sum(1 for k,(a,b) in enumerate(SRC) if b==j and e[k]!='none' and live_in[a])
        if ln>1: out.append(kern('add%d%s'%(ln,'' if reach[j] else '_dead'),ci=C,co=C,h=H))
    return out
def net_final(e):
    ks=[kern('conv',k=3,ci=3,co=16,h=32)]; C,H=16,32
    for st in range(3):
        if st>0:
            ks+= [kern('relu',ci=C,co=C,h=H),kern('conv',k=3,ci=C,co=2*C,h=H,s=2),kern('conv',k=3,ci=2*C,co=2*C,h=H//2),
                  kern('pool',k=2,ci=C,co=C,h=H,s=2),kern('conv',k=1,ci=C,co=2*C,h=H//2),kern('add2',ci=2*C,co=2*C,h=H//2)]
            C*=2;H//=2
        for c in range(5):
            ck=cell_final(e,C,H)
            if ck is None: return []
            ks+=ck
    return ks+[kern('relu',ci=C,co=C,h=H),kern('gap',ci=C,co=C,h=H),kern('fc',ci=64,co=10,h=1)]
keys={};F=[]
for r in rows:
    f=collections.Counter()
    for k in net_final(parse(r['arch'])):
        t=k['t'].split('_')[0].rstrip('0123456789'); m,b=feats_kernel(dict(k,t=t))
        f[k['t']+'_n']+=1; f[k['t']+'_m']+=m/1e6; f[k['t']+'_b']+=b/1e5
    F.append(f); [keys.setdefault(kk,len(keys)) for kk in f]
A=np.zeros((len(rows),len(keys)+1)); A[:,-1]=1
for i,f in enumerate(F):
    for kk,v in f.items(): A[i,keys[kk]]=v
for rel in [False,True]: print('lin final',rel,cv(A,y,1e-6,rel),flush=True)
iso=[r['iso_class'] for r in rows]; u=sorted(set(iso)); rng=np.random.RandomState(0); perm=rng.permutation(len(u))
fold={u[p]:i%5 for i,p in enumerate(perm)}; fo=np.array([fold[c] for c in iso])
X=A[:,:-1]; pred=np.zeros(len(y))
for k in range(5):
    tr=(fo!=k)&~np.isnan(y); te=fo==k
    pred[te]=gbdt(X[tr],y[tr],X[te],rounds=150)
ok=~np.isnan(y); err=np.abs(pred[ok]-y[ok])/y[ok]
print('gbdt final', rho(pred[ok],y[ok]),np.median(err),(err<=0.1).mean())
