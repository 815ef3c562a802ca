package dev.ginr.inr.train;

import dev.ginr.inr.data.SignalBatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Mini-batches with seeded shuffling: every epoch visits each signal once in an order drawn from (seed, epoch), and
 * the batch of step s is a pure function of (seed, s), so a resumed run sees exactly the batches a straight run
 * would. Optional random subsampling of the points rendered in a step is drawn from (seed, step) too.
 */
final class BatchSampler {

    private final SignalBatch data;
    private final int batchSize;
    private final long seed;
    private long cachedEpoch = -1;
    private List<Integer> cachedOrder;

    BatchSampler(SignalBatch data, int batchSize, long seed) {
        if (data.count() < 1) {
            throw new IllegalArgumentException("no training signals: the data set is empty");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** Indices of the signals of 1-based step {@code step}. */
    int[] indices(long step) {
        int n = data.count();
        int[] out = new int[batchSize];
        for (int j = 0; j < batchSize; j++) {
            long position = (step - 1) * batchSize + j;
            out[j] = order(position / n).get((int) (position % n));
        }
        return out;
    }

    /** The signals of 1-based step {@code step}, (B, P, C) on the host. */
    SignalBatch batch(long step) {
        return gather(data, indices(step));
    }

    static SignalBatch gather(SignalBatch data, int[] indices) {
        int n = data.points() * data.channels();
        float[] out = new float[indices.length * n];
        for (int j = 0; j < indices.length; j++) {
            System.arraycopy(data.values(), indices[j] * n, out, j * n, n);
        }
        return new SignalBatch(out, indices.length, data.grid(), data.channels());
    }

    /** Sorted indices of the points rendered at {@code step}: all, or a seeded random fraction. */
    int[] points(long step, double ratio) {
        int p = data.points();
        if (ratio >= 1) {
            return java.util.stream.IntStream.range(0, p).toArray();
        }
        int keep = Math.max(1, (int) Math.round(p * ratio));
        List<Integer> all = new ArrayList<>(p);
        for (int i = 0; i < p; i++) {
            all.add(i);
        }
        Collections.shuffle(all, new Random(seed * 1_000_003L + step * 7919L + 17));
        return all.subList(0, keep).stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private List<Integer> order(long epoch) {
        if (epoch != cachedEpoch) {
            List<Integer> o = new ArrayList<>(data.count());
            for (int i = 0; i < data.count(); i++) {
                o.add(i);
            }
            Collections.shuffle(o, new Random(seed * 31L + epoch));
            cachedOrder = o;
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }
}
