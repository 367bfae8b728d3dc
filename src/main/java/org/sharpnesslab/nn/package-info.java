/**
 * Neural networks with exact derivatives: fully connected networks ({@link org.sharpnesslab.nn.FCN}) in the
 * parameterisations of 000 App. B.2.1 and 002 App. A, the losses ({@link org.sharpnesslab.nn.Loss}: MSE
 * ½‖f − y‖² and softmax cross-entropy, both averaged over examples), exact curvature products at a fixed θ
 * ({@link org.sharpnesslab.nn.Hessian}: ∇²L by the R-operator, Gauss-Newton G, functional part ∇²L − G, NTK
 * J Jᵀ/n), training with sharpness tracking ({@link org.sharpnesslab.nn.Training} →
 * {@link org.sharpnesslab.nn.TrainingRun#table()}; how λ^H is measured: {@link org.sharpnesslab.nn.Sharpness},
 * {@link org.sharpnesslab.nn.SharpnessTracker}), sharpness against weight norm
 * ({@link org.sharpnesslab.nn.WeightNorms}, 000 Eq. 45), and teacher-student data ({@link org.sharpnesslab.nn.Teachers}).
 *
 * <pre>{@code
 * FCN net = FCN.builder().input(3072).width(512).depth(3).output(10).relu().sp().sigmaW2(2).build();
 * double[] theta = net.init(seed);
 * Hessian h = Hessian.at(net, theta, data, Loss.MSE);          // forward + backward once, cached
 * PowerResult top = PowerIteration.run(h);                      // λ^H: 20 exact products (000 App. B.4)
 * PowerIteration.run(h.gaussNewton()); PowerIteration.run(h.ntk());   // λ(G), λ^K
 * Table run = Training.gd(net, data).c(2).steps(500).sharpnessEvery(10).run(seed).table();
 * // λ^H every step, converged to r ≤ 1e-4·λ by warm-started Lanczos (Sharpness), with the weight norms of 000 §6.2
 * TrainingRun r = Training.gd(net, data).c(2).sharpnessEvery(1).sharpness(Sharpness.converged(1e-4)).run(seed);
 * Table norms = WeightNorms.table(r);                          // per-layer norms and the correlation of Eq. 45
 * }</pre>
 *
 * <p>Convolutional networks: {@link org.sharpnesslab.nn.Myrtle} CNNs and {@link org.sharpnesslab.nn.ResNet}s with
 * LayerNorm (002 App. A, 000 App. B.2), or any chain of {@link org.sharpnesslab.nn.Stage}s
 * ({@link org.sharpnesslab.nn.Sequential}): convolution, pooling, flatten, LayerNorm, residual additions, each
 * with exact first and second derivatives, so the same {@code Hessian}, {@code Training} and NTK calls apply.
 * <pre>{@code
 * Myrtle cnn = Myrtle.of(5, 32, 10);   ResNet r = ResNet.resnet18(16, 10);   // CIFAR-10 shape, SP, σ_w² = 2
 * }</pre>
 *
 * <p>Normalisations (they set the sharpness scale): L(θ) = (1/n) Σᵢ ℓ(f(xᵢ; θ), yᵢ); for MSE ℓ = ½‖f − y‖², so
 * G = Jᵀ J / n and the NTK operator K = J Jᵀ / n has the same non-zero eigenvalues as G: λ^K = λ_max(G) for MSE
 * and λ^H = λ_max(G + (∇²L − G)). Parameters are a flat {@code double[]} laid out layer by layer (weights
 * row-major out×in, then the bias).
 */
package org.sharpnesslab.nn;
