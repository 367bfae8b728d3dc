package org.sharpnesslab.data;

/**
 * The shape (channels, height, width) of one image, stored channel-major: pixel (c, h, w) of example i is input
 * entry {@code i·size() + (c·height + h)·width + w} (the layout of CIFAR-10 binary records, MNIST IDX files and
 * PyTorch's NCHW tensors).
 *
 * @param channels C ≥ 1
 * @param height   H ≥ 1
 * @param width    W ≥ 1
 */
public record ImageShape(int channels, int height, int width) {

    /** CIFAR-10: 3 × 32 × 32. */
    public static final ImageShape CIFAR10 = new ImageShape(3, 32, 32);
    /** MNIST and Fashion-MNIST: 1 × 28 × 28. */
    public static final ImageShape MNIST = new ImageShape(1, 28, 28);
    /** The built-in dice images ({@link Dice}): 1 × 32 × 32. */
    public static final ImageShape DICE = new ImageShape(1, 32, 32);

    public ImageShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape must have channels, height, width >= 1, got ("
                    + channels + ", " + height + ", " + width + ")");
        }
        if ((long) channels * height * width > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("image shape too large: (" + channels + ", " + height + ", "
                    + width + ")");
        }
    }

    /** (channels, height, width). */
    public static ImageShape of(int channels, int height, int width) {
        return new ImageShape(channels, height, width);
    }

    /** Entries per image, C·H·W. */
    public int size() {
        return channels * height * width;
    }

    /** Pixels per channel plane, H·W. */
    public int plane() {
        return height * width;
    }

    /** The same spatial size with {@code c} channels. */
    public ImageShape withChannels(int c) {
        return new ImageShape(c, height, width);
    }

    /** The shape after f×f block averaging ({@link Downsample#blocks} for one channel): (C, ⌊H/f⌋, ⌊W/f⌋). */
    public ImageShape downsample(int f) {
        if (f < 1 || f > height || f > width) {
            throw new IllegalArgumentException("downsampling factor must be in [1, min(H, W)] for " + this + ", got "
                    + f);
        }
        return new ImageShape(channels, height / f, width / f);
    }

    /**
     * Checks that {@code data}'s inputs are images of this shape.
     *
     * @throws IllegalArgumentException naming the dataset and both sizes otherwise
     */
    public Dataset check(Dataset data) {
        if (data.inputDim() != size()) {
            throw new IllegalArgumentException("dataset '" + data.name() + "' has inputDim " + data.inputDim()
                    + ", images of shape " + this + " need " + size());
        }
        return data;
    }

    @Override
    public String toString() {
        return channels + "×" + height + "×" + width;
    }
}
