package dev.ginr.inr.data.prepare;

import java.util.List;

/**
 * One clip of the offline speech set: a window of a source's joined, silence-trimmed prompts.
 *
 * @param seconds clip length
 * @param split   "train" or "test"
 * @param source  the speech source's short name
 * @param index   position among the source's clips of this length and split
 * @param samples the samples at 16 kHz
 * @param prompts the recordings the window overlaps, as "file@start+length" in seconds within the recording
 */
public record SpeechClip(double seconds, String split, String source, int index, float[] samples,
                         List<String> prompts) {

    /** Path of the clip relative to the set's root: {@code 1s/train/allison-0007.wav}. */
    public String relativePath() {
        return folder(seconds) + "/" + split + "/" + source + String.format("-%04d.wav", index);
    }

    /** The folder of clips of one length: "1s", "3s", "1.5s". */
    public static String folder(double seconds) {
        return (seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds)) + "s";
    }
}
