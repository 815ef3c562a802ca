package dev.ginr.inr.data;

import java.util.Arrays;
import java.util.List;

/**
 * Groups photos whose {@link PerceptualHash}es mark them as near-duplicates of each other (transitively, by
 * union-find), so that a split can keep every group on one side: a dark and a light edition of one wallpaper, or
 * a photo shipped by two packages, then never leaks from training into test.
 */
public final class NearDuplicateGroups {

    private NearDuplicateGroups() {}

    /**
     * The group of each photo, numbered 0, 1, ... in order of each group's first member.
     *
     * @param hashes one perceptual hash per photo
     */
    public static int[] of(List<PerceptualHash> hashes) {
        int n = hashes.size();
        int[] parent = new int[n];
        Arrays.setAll(parent, i -> i);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (hashes.get(i).isNearDuplicateOf(hashes.get(j))) {
                    parent[root(parent, j)] = root(parent, i);
                }
            }
        }
        int[] group = new int[n];
        int[] numberOfRoot = new int[n];
        Arrays.fill(numberOfRoot, -1);
        int next = 0;
        for (int i = 0; i < n; i++) {
            int r = root(parent, i);
            if (numberOfRoot[r] < 0) {
                numberOfRoot[r] = next++;
            }
            group[i] = numberOfRoot[r];
        }
        return group;
    }

    /** Number of distinct groups in a result of {@link #of}. */
    public static int count(int[] groups) {
        return Arrays.stream(groups).max().orElse(-1) + 1;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
