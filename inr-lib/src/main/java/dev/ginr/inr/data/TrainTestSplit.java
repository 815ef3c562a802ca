package dev.ginr.inr.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A partition of items into a training part and a held-out test part. Items keep their input order inside each
 * part, so the same inputs and seed always give the same two lists.
 *
 * @param train items used for training
 * @param test  held-out items; disjoint from {@code train}
 * @param <T>   the item type: files, source photos, near-duplicate groups
 */
public record TrainTestSplit<T>(List<T> train, List<T> test) {

    public TrainTestSplit {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }

    /**
     * Holds out {@code round(n * testFraction)} items chosen by a seeded shuffle; at least one item goes to each
     * part when there are two or more items and the fraction lies strictly between 0 and 1.
     */
    public static <T> TrainTestSplit<T> byRatio(List<T> items, double testFraction, long seed) {
        if (!(testFraction >= 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("test fraction must lie in [0, 1], got " + testFraction);
        }
        int n = items.size();
        int nTest = (int) Math.round(n * testFraction);
        if (n >= 2 && testFraction > 0 && testFraction < 1) {
            nTest = Math.max(1, Math.min(n - 1, nTest));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        Set<Integer> held = new HashSet<>(order.subList(0, nTest));
        List<T> train = new ArrayList<>();
        List<T> test = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (held.contains(i) ? test : train).add(items.get(i));
        }
        return new TrainTestSplit<>(train, test);
    }

    /** Puts the items in {@code testItems} into the test part and all others into the training part. */
    public static <T> TrainTestSplit<T> byMembership(List<T> items, Collection<T> testItems) {
        Set<T> held = new HashSet<>(testItems);
        List<T> train = new ArrayList<>();
        List<T> test = new ArrayList<>();
        for (T item : items) {
            (held.contains(item) ? test : train).add(item);
        }
        return new TrainTestSplit<>(train, test);
    }
}
