package dev.ginr.inr.cli;

import dev.ginr.inr.data.prepare.OfflineSpeechSet;
import dev.ginr.inr.data.prepare.SpeechSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ginr data offline-speech}: 1 s and 3 s speech clips from Debian's recorded prompts, split by recording. */
@Command(name = "offline-speech", mixinStandardHelpOptions = true,
        description = "Cut 16 kHz mono speech clips from asterisk-core-sounds-en-g722 (decoded by ffmpeg) and "
                + "pocketsphinx-testdata's LibriVox utterances into OUT/<n>s/{train,test}/*.wav with OUT/manifest.tsv; "
                + "split by recording.")
final class OfflineSpeechCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "data/offline-speech",
            description = "output folder (default data/offline-speech)")
    Path out;

    @Option(names = "--seconds", split = ",", paramLabel = "S", defaultValue = "1,3",
            description = "clip lengths in seconds, comma-separated (default 1,3)")
    List<Double> seconds;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the train/test draw (default 0)")
    long seed;

    @Option(names = "--test-fraction", defaultValue = "0.2",
            description = "share of each source's recordings held out for test (default 0.2)")
    double testFraction;

    @Option(names = "--asterisk", paramLabel = "DIR", defaultValue = "/usr/share/asterisk/sounds/en_US_f_Allison",
            description = "folder of the G.722 prompts (default: asterisk-core-sounds-en-g722's)")
    Path asterisk;

    @Option(names = "--librivox", paramLabel = "DIR", defaultValue = "/usr/share/pocketsphinx/test/data/librivox",
            description = "folder of the LibriVox WAV utterances (default: pocketsphinx-testdata's)")
    Path librivox;

    @Override
    public Integer call() {
        OfflineSpeechSet.Settings settings = new OfflineSpeechSet.Settings(out, seconds, seed, testFraction,
                List.of(SpeechSource.asterisk(asterisk), SpeechSource.librivox(librivox)));
        OfflineSpeechSet.Report report = OfflineSpeechSet.build(settings);
        System.out.println(report.summary());
        System.out.println("written to " + out.toAbsolutePath());
        return 0;
    }
}
