from nb201_lowering import class_matrix, conv_kern, cv, gbdt_cv, kern, latency, live_reach, net, SRC
y=latency()
def cell_final(e,C,H):
    live_in,reach=live_reach(e)
    if not live_in[3]: return None
    out=[]; nin=[0]*4; relu_src=set(); mul_src=set()
    for k,(i,j) in enumerate(SRC):
        op=e[k]; live=live_in[i] and reach[j] and op!='none'
        sfx='' if live else '_dead'
        nin[j]+=1
        if op=='none':
            out.append(kern('mul_dead' if i not in mul_src else 'mul_dup',ci=C,co=C,h=H)); mul_src.add(i); continue
        if op.startswith('nor_conv'):
            out.append(kern(('relu' if i not in relu_src else 'relu_dup')+sfx,ci=C,co=C,h=H)); relu_src.add(i)
            out.append(conv_kern(op,C,H,sfx))
        if op=='avg_pool_3x3': out.append(kern('pool'+sfx,k=3,ci=C,co=C,h=H))
    for j in range(1,4):
        ln=sum(1 for k,(a,b) in enumerate(SRC) if b==j and e[k]!='none' and live_in[a])
        if ln>1: out.append(kern('add%d%s'%(ln,'' if reach[j] else '_dead'),ci=C,co=C,h=H))
    return out
A=class_matrix(lambda e: net(e,cell_final,'add2'),lambda t: t.split('_')[0].rstrip('0123456789'))
for rel in [False,True]: print('lin final',rel,cv(A,y,1e-6,rel),flush=True)
print('gbdt final', *gbdt_cv(A[:,:-1],y))
