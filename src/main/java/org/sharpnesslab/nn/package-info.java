/**
 * Neural networks with exact derivatives: fully connected networks ({@link org.sharpnesslab.nn.FCN}) in the
 * parameterisations of 000 App. B.2.1 and 002 App. A, the losses ({@link org.sharpnesslab.nn.Loss}: MSE
 * ½‖f − y‖² and softmax cross-entropy, both averaged over examples), exact curvature products at a fixed θ
 * ({@link org.sharpnesslab.nn.Hessian}: ∇²L by the R-operator, Gauss-Newton G, functional part ∇²L − G, NTK
 * J Jᵀ/n). Training lives one layer up ({@code org.sharpnesslab.training}), 004's layerwise decomposition in
 * {@code org.sharpnesslab.alignment}; both use only this package's public API.
 *
 * <pre>{@code
 * FCN net = FCN.builder().input(3072).width(512).depth(3).output(10).relu().sp().sigmaW2(2).build();
 * double[] theta = net.init(seed);
 * Hessian h = Hessian.at(net, theta, data, Loss.MSE);          // forward + backward once, cached
 * EigenResult top = Lanczos.top(h);                           // λ^H with its residual (spectrum)
 * Lanczos.top(h.gaussNewton());                                 // λ(G); h.ntk() gives λ^K
 * double[][] blocks = net.unpack(theta);                        // per-layer blocks (layout: Network#unpack)
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
