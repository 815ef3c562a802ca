package dev.ginr.inr.experiment;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Our runs' held-out PSNR beside the number the paper reports for the same model on the matching task (Table 2,
 * image reconstruction), with the difference ours minus paper. Every row states our scale and budget; the paper's
 * column states the paper's. A large negative difference at CPU scale is expected, not a failure to reproduce: the
 * table is a reading aid, not a reproduction claim.
 */
public final class PaperComparison {

    private PaperComparison() {}

    /**
     * The comparison table for {@code scores} against the paper's {@code paper} column; when {@code paper} is null
     * each run is matched to {@link PaperResults.Dataset#closestTo} its own data set.
     */
    public static Table of(List<RunScore> scores, PaperResults.Dataset paper) {
        boolean audio = !scores.isEmpty() && scores.stream().allMatch(s -> s.resolution() == 0);
        boolean scenes = !scores.isEmpty() && scores.stream().allMatch(s -> SceneData.isSceneDataset(s.dataset()));
        Table t = Table.create("Held-out PSNR: ours beside " + (scenes ? PaperResults.SCENE_SCALE : audio
                        ? PaperResults.AUDIO_SCALE : PaperResults.SCALE),
                StringColumn.create("run"), StringColumn.create("model"), StringColumn.create("ours: setting"),
                DoubleColumn.create("ours: PSNR (dB)"), StringColumn.create("paper: table, data set"),
                DoubleColumn.create("paper: PSNR (dB)"), DoubleColumn.create("ours - paper (dB)"));
        for (RunScore s : scores) {
            if (SceneData.isSceneDataset(s.dataset())) { // novel views: Table 4's column of the same category
                String column = PaperResults.sceneColumn(SceneData.category(s.dataset()));
                append(t, s, PaperResults.novelViews(s.model(), SceneData.category(s.dataset())),
                        PaperResults.imageRowName(s.model()).map(row -> "Table 4 '" + row + "', ShapeNet " + column)
                                .orElse("none: Table 4 has no row for " + s.model().yamlName()));
                continue;
            }
            if (s.resolution() == 0) { // audio: Table 1's column of the run's clip length (LibriSpeech test-clean)
                appendAudio(t, s);
                continue;
            }
            PaperResults.Dataset d = paper != null ? paper : PaperResults.Dataset.closestTo(s.dataset());
            append(t, s, PaperResults.imageReconstruction(s.model(), d), PaperResults.imageRowName(s.model())
                    .map(row -> "Table 2 '" + row + "', " + d.label() + " 178x178")
                    .orElse("none: Table 2 has no row for " + s.model().yamlName()));
        }
        return t;
    }

    /** An audio run beside Table 1's column of its clip length (1 s or 3 s); no paper number for other lengths. */
    private static void appendAudio(Table t, RunScore s) {
        double secs = s.clipSeconds();
        int column = (int) Math.round(secs);
        boolean reported = Math.abs(secs - column) < 1e-9 && (column == 1 || column == 3);
        if (!reported) {
            append(t, s, OptionalDouble.empty(), "none: Table 1 reports 1 s and 3 s clips, this run has "
                    + (secs > 0 ? RunScore.seconds(secs) + " s clips" : "no clip length"));
            return;
        }
        append(t, s, PaperResults.audioReconstruction(s.model(), column), PaperResults.imageRowName(s.model())
                .map(row -> "Table 1 '" + row + "', LibriSpeech " + column + " s")
                .orElse("none: Table 1 has no row for " + s.model().yamlName()));
    }

    /** One row: our run, the paper's cell {@code paperLabel} with its number (if any) and the difference. */
    private static void append(Table t, RunScore s, OptionalDouble reported, String paperLabel) {
        t.stringColumn(0).append(s.run());
        t.stringColumn(1).append(s.model().yamlName());
        t.stringColumn(2).append(s.setting());
        t.doubleColumn(3).append(s.meanPsnr());
        t.stringColumn(4).append(paperLabel);
        if (reported.isPresent()) {
            t.doubleColumn(5).append(reported.getAsDouble());
            t.doubleColumn(6).append(s.meanPsnr() - reported.getAsDouble());
        } else {
            t.doubleColumn(5).appendMissing();
            t.doubleColumn(6).appendMissing();
        }
    }
}
