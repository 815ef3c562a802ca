package dev.ginr.inr.data.prepare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Which images of CelebA, FFHQ and ImageNette go to {@code train/} and {@code test/}: the reference's splits. */
final class ImageSelections {

    private static final Pattern CELEBA_NAME = Pattern.compile("(\\d{6})\\.jpg");
    /** The reference trains on CelebA images 1-162770 and evaluates on 182638-202599 (its "test" split). */
    static final int CELEBA_LAST_TRAIN = 162770;
    static final int CELEBA_FIRST_TEST = 182638;

    private ImageSelections() {}

    /** CelebA aligned: {@code NNNNNN.jpg} by number; the validation range in between is left out, as the reference does. */
    static List<SquareImages.Job> celeba(DatasetPreparation.Inputs in) throws IOException {
        List<SquareImages.Job> jobs = new ArrayList<>();
        for (Path f : files(in.raw())) {
            Matcher m = CELEBA_NAME.matcher(f.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            int i = Integer.parseInt(m.group(1));
            String split = i <= CELEBA_LAST_TRAIN ? "train" : i >= CELEBA_FIRST_TEST ? "test" : null;
            if (split != null) {
                jobs.add(new SquareImages.Job(f, split + "/" + m.group(1) + ".png"));
            }
        }
        return jobs;
    }

    /** ImageNette: {@code imagenette2-320/{train,val}/CLASS/NAME.JPEG} to {@code {train,test}/CLASS/NAME.png}. */
    static List<SquareImages.Job> imagenette(DatasetPreparation.Inputs in) throws IOException {
        List<SquareImages.Job> jobs = new ArrayList<>();
        for (Path f : files(in.raw())) {
            Path rel = in.raw().relativize(f);
            String name = f.getFileName().toString();
            if (rel.getNameCount() < 4 || !name.toLowerCase(Locale.ROOT).endsWith(".jpeg")) {
                continue;
            }
            String part = rel.getName(rel.getNameCount() - 3).toString();
            String split = part.equals("train") ? "train" : part.equals("val") ? "test" : null;
            if (split != null) {
                String cls = rel.getName(rel.getNameCount() - 2).toString();
                jobs.add(new SquareImages.Job(f, split + "/" + cls + "/" + name.replaceFirst("\\.[^.]+$", ".png")));
            }
        }
        return jobs;
    }

    /**
     * FFHQ: the images named in the reference's {@code ffhqtrain.txt} go to {@code train/}, those in
     * {@code ffhqvalidation.txt} to {@code test/}; every listed image must be present.
     */
    static List<SquareImages.Job> ffhq(DatasetPreparation.Inputs in) throws IOException {
        Map<String, Path> byName = new HashMap<>();
        for (Path f : files(in.downloads())) {
            if (f.getFileName().toString().endsWith(".png")) {
                byName.put(f.getFileName().toString(), f);
            }
        }
        List<SquareImages.Job> jobs = new ArrayList<>();
        for (String[] list : new String[][] {{"ffhqtrain.txt", "train"}, {"ffhqvalidation.txt", "test"}}) {
            List<String> names = Files.readAllLines(in.downloads().resolve(list[0]), StandardCharsets.UTF_8);
            for (String line : names) {
                String name = line.strip();
                if (name.isEmpty()) {
                    continue;
                }
                Path f = byName.get(name);
                if (f == null) {
                    throw new PreparationException(list[0] + " names " + name + ", which is not among the "
                            + byName.size() + " downloaded FFHQ images; run again to download the missing ones");
                }
                jobs.add(new SquareImages.Job(f, list[1] + "/" + name));
            }
        }
        return jobs;
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
