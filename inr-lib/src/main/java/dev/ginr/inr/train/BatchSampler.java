package dev.ginr.inr.train;

import dev.ginr.inr.data.SignalBatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Mini-batches with seeded shuffling: every epoch visits each of the {@code count} signals once in an order drawn
 * from (seed, epoch), and the batch of step s is a pure function of (seed, s), so a resumed run sees exactly the
 * batches a straight run would.
 */
final class BatchSampler {

    private final int count;
    private final int batchSize;
    private final long seed;
    private long cachedEpoch = -1;
    private List<Integer> cachedOrder;

    BatchSampler(int count, int batchSize, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("no training signals: the data set is empty");
        }
        this.count = count;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** Indices of the signals of 1-based step {@code step}. */
    int[] indices(long step) {
        int[] out = new int[batchSize];
        for (int j = 0; j < batchSize; j++) {
            long position = (step - 1) * batchSize + j;
            out[j] = order(position / count).get((int) (position % count));
        }
        return out;
    }

    /** Completed epochs after 1-based step {@code step}. */
    long epochsAfter(long step) {
        return step * batchSize / count;
    }

    static SignalBatch gather(SignalBatch data, int[] indices) {
        int n = data.points() * data.channels();
        float[] out = new float[indices.length * n];
        for (int j = 0; j < indices.length; j++) {
            System.arraycopy(data.values(), indices[j] * n, out, j * n, n);
        }
        return new SignalBatch(out, indices.length, data.grid(), data.channels());
    }

    private List<Integer> order(long epoch) {
        if (epoch != cachedEpoch) {
            List<Integer> o = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                o.add(i);
            }
            Collections.shuffle(o, new Random(seed * 31L + epoch));
            cachedOrder = o;
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }
}
