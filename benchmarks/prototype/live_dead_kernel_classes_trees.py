from nb201_lowering import cell_dead, class_matrix, cv, gbdt_cv, latency, net
y=latency()
A=class_matrix(lambda e: net(e,cell_dead),lambda t: t.replace('_dead',''))
for rel in [False,True]: print('lin dead-split',rel,cv(A,y,1e-6,rel))
print('gbdt on dead-split kernel aggregates', *gbdt_cv(A[:,:-1],y))
