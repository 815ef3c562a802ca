package dev.ginr.inr.data.prepare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Joins short prompts into clips: the silence-trimmed prompts of one source and one split are laid end to end with
 * {@link #GAP_SECONDS} of silence between them, and the stream is cut into consecutive windows of the clip length
 * (the remainder is dropped). A prompt longer than a clip gives several clips; short ones share a clip. Windows
 * unfit to train on ({@link SpeechActivity#unfit}) are refused and reported.
 */
final class PromptJoiner {

    /** Silence between joined prompts, as a speaker's pause. */
    static final double GAP_SECONDS = 0.15;

    /** A trimmed recording and its name. */
    record Prompt(String name, float[] samples) {}

    private PromptJoiner() {}

    /**
     * The clips of {@code seconds} at {@code rate} Hz cut from the joined prompts.
     *
     * @param refused collects "source split window: reason" for every refused window
     */
    static List<SpeechClip> clips(List<Prompt> prompts, double seconds, int rate, String split, String source,
                                  List<String> refused) {
        int gap = (int) Math.round(GAP_SECONDS * rate);
        int[] starts = new int[prompts.size()];
        int length = 0;
        for (int i = 0; i < prompts.size(); i++) {
            length += i == 0 ? 0 : gap;
            starts[i] = length;
            length += prompts.get(i).samples().length;
        }
        float[] stream = new float[length];
        for (int i = 0; i < prompts.size(); i++) {
            float[] s = prompts.get(i).samples();
            System.arraycopy(s, 0, stream, starts[i], s.length);
        }
        int t = (int) Math.round(seconds * rate);
        List<SpeechClip> out = new ArrayList<>();
        for (int w = 0; (w + 1L) * t <= length; w++) {
            float[] clip = Arrays.copyOfRange(stream, w * t, (w + 1) * t);
            String why = SpeechActivity.unfit(clip);
            if (why != null) {
                refused.add(String.format(Locale.ROOT, "%s %s %s window %d: %s", SpeechClip.folder(seconds), split,
                        source, w, why));
                continue;
            }
            out.add(new SpeechClip(seconds, split, source, out.size(), clip, spans(prompts, starts, w * t, t, rate)));
        }
        return out;
    }

    /** The prompts overlapping [from, from + t), as "name@start+length" in seconds within each prompt. */
    private static List<String> spans(List<Prompt> prompts, int[] starts, int from, int t, int rate) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            int a = Math.max(from, starts[i]);
            int b = Math.min(from + t, starts[i] + prompts.get(i).samples().length);
            if (a < b) {
                out.add(String.format(Locale.ROOT, "%s@%.3f+%.3f", prompts.get(i).name(), (a - starts[i]) / (double) rate,
                        (b - a) / (double) rate));
            }
        }
        return out;
    }
}
