from nb201_lowering import build, cv, latency
y=latency()
for variant,mode,dd in [('lut',None,False),('lin','prune',False),('lin','all',False),('lin','all2',''),('lin','all2','relu'),('lin','all2','relu,mul'),('lin','all2','relu,mul,fuse'),('linsig','all2','relu,mul'),('sig','all2','relu,mul')]:
    A=build(variant,mode,dd)
    for rel in [False,True]:
        print(variant,mode,dd,rel,A.shape[1],['%.4f'%v for v in cv(A,y,1e-6,rel)])
