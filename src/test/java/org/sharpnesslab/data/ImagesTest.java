package org.sharpnesslab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Image shapes, per-channel standardisation and the image datasets (CIFAR-10 through its writer, dice built in). */
class ImagesTest {

    /** Mean and population variance of channel c over every pixel and example. */
    static double[] channelStats(Dataset d, ImageShape s, int c) {
        double sum = 0, sq = 0;
        int n = 0;
        for (int i = 0; i < d.size(); i++) {
            for (int h = 0; h < s.height(); h++) {
                for (int w = 0; w < s.width(); w++) {
                    double v = Images.pixel(d, s, i, c, h, w);
                    sum += v;
                    sq += v * v;
                    n++;
                }
            }
        }
        double m = sum / n;
        return new double[]{m, sq / n - m * m};
    }

    @Test
    void shapesAndValidation() {
        assertEquals(3072, ImageShape.CIFAR10.size());
        assertEquals(784, MnistLoader.SHAPE.size());
        assertEquals(1024, Dice.SHAPE.size());
        assertEquals(1024, ImageShape.CIFAR10.plane());
        assertThrows(IllegalArgumentException.class, () -> ImageShape.of(0, 3, 3));
        Dataset d = Datasets.dice(1, 1);
        assertThrows(IllegalArgumentException.class, () -> ImageShape.CIFAR10.check(d));
        assertThrows(IllegalArgumentException.class, () -> Images.pixel(d, Dice.SHAPE, 0, 1, 0, 0));
    }

    @Test
    void downsampledShapeMatchesTheBlockAverage() {
        Dataset d = Images.dice(1, 2);
        ImageShape s = Dice.SHAPE.downsample(4);
        assertEquals(ImageShape.of(1, 8, 8), s);
        assertEquals(s.size(), Downsample.blocks(d, 4).inputDim());
        assertThrows(IllegalArgumentException.class, () -> Dice.SHAPE.downsample(33));
    }

    @Test
    void diceImagesAreStandardisedPerChannel() {
        Dataset d = Images.dice(5, 3);
        assertEquals(30, d.size());
        assertEquals(Dice.SHAPE.size(), d.inputDim());
        double[] st = channelStats(d, Dice.SHAPE, 0);
        assertEquals(0.0, st[0], 1e-12);
        assertEquals(1.0, st[1], 1e-12);
        Split s = Images.diceSplit(4, 3);
        assertEquals(24, s.test().size());
        assertEquals(0.0, channelStats(s.train(), Dice.SHAPE, 0)[0], 1e-12);
    }

    @Test
    void cifarImagesAreStandardisedPerChannelWithTrainingStatistics(@TempDir Path dir) throws IOException {
        Random r = new Random(5);
        int n = 6;
        for (int b = 1; b <= 5; b++) {
            byte[] px = new byte[n * 3072];
            for (int i = 0; i < px.length; i++) {
                int c = (i % 3072) / 1024;      // channel-major: channel c gets a different range
                px[i] = (byte) (40 * c + r.nextInt(100));
            }
            Cifar10Loader.writeBatch(dir.resolve("data_batch_" + b + ".bin"), new int[]{0, 1, 2, 3, 4, 5}, px);
        }
        byte[] tp = new byte[2 * 3072];
        java.util.Arrays.fill(tp, (byte) 10);
        Cifar10Loader.writeBatch(dir.resolve("test_batch.bin"), new int[]{1, 2}, tp);
        Split s = Images.cifar10(dir, 12);
        assertEquals(12, s.train().size());
        double[] raw0 = channelStats(Cifar10Loader.load(dir, true, 12), Cifar10Loader.SHAPE, 0);
        for (int c = 0; c < 3; c++) {
            double[] st = channelStats(s.train(), Cifar10Loader.SHAPE, c);
            assertEquals(0.0, st[0], 1e-12, "channel " + c);
            assertEquals(1.0, st[1], 1e-12, "channel " + c);
        }
        // the test image (all pixels 10/255) standardised with channel 0's training mean and std
        double expect = (10 / 255.0 - raw0[0]) / Math.sqrt(raw0[1]);
        assertEquals(expect, Images.pixel(s.test(), Cifar10Loader.SHAPE, 0, 0, 3, 4), 1e-9);
    }
}
