package dev.ginr.inr.data.prepare;

import dev.ginr.inr.data.DebianPackageLicences;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The manifest of the offline speech set, one tab-separated row per clip: clip_seconds, split, file, source,
 * speaker, synthetic (always "no" here: every clip is a recording), package, licence, note, rms_dbfs, peak and the
 * recordings the clip was cut from ("file@start+length", seconds).
 */
final class SpeechManifest {

    static final String HEADER = "clip_seconds\tsplit\tfile\tsource\tspeaker\tsynthetic\tpackage\tlicence\tnote"
            + "\trms_dbfs\tpeak\trecordings";

    private SpeechManifest() {}

    static String text(List<SpeechClip> clips, Map<String, SpeechSource> sourceOfClip,
                       DebianPackageLicences licences) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (SpeechClip c : clips) {
            SpeechSource src = sourceOfClip.get(c.relativePath());
            String first = c.prompts().get(0);
            DebianPackageLicences.Origin origin = licences.origin(src.dir().resolve(first.substring(0,
                    first.indexOf('@'))));
            b.append(String.join("\t", SpeechClip.folder(c.seconds()), c.split(), c.relativePath(), src.name(),
                    src.speaker(), "no", origin.packageName(), origin.licence(), src.note(),
                    String.format(Locale.ROOT, "%.1f", SpeechActivity.dbfs(c.samples())),
                    String.format(Locale.ROOT, "%.3f", SpeechActivity.peak(c.samples())),
                    String.join(";", c.prompts()))).append('\n');
        }
        return b.toString();
    }
}
