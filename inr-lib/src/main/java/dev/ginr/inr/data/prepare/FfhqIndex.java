package dev.ginr.inr.data.prepare;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads FFHQ's metadata file ({@code ffhq-dataset-v2.json}, published with the official download script): one entry
 * per image whose {@code "image"} object gives {@code file_url}, {@code file_path} (e.g.
 * {@code images1024x1024/00000/00000.png}), {@code file_size} and {@code file_md5}. Each becomes a
 * {@link RemoteFile} with that exact size and MD5 (the only digest FFHQ publishes). Streamed, so the 268 MB file is
 * never held in memory as a tree.
 */
final class FfhqIndex {

    private FfhqIndex() {}

    /** The 1024x1024 images listed in {@code json}. */
    static List<RemoteFile> images(Path json) throws IOException {
        List<RemoteFile> files = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(json, StandardCharsets.UTF_8); JsonReader in = new JsonReader(r)) {
            in.beginObject();
            while (in.hasNext()) {
                String key = in.nextName();
                RemoteFile f = entry(in, key);
                if (f != null) {
                    files.add(f);
                }
            }
            in.endObject();
        } catch (IllegalStateException | NumberFormatException e) {
            throw new PreparationException(json.getFileName() + " is not FFHQ's metadata file (" + e.getMessage() + ")",
                    e);
        }
        return files;
    }

    private static RemoteFile entry(JsonReader in, String key) throws IOException {
        RemoteFile found = null;
        in.beginObject();
        while (in.hasNext()) {
            if (in.nextName().equals("image") && in.peek() == JsonToken.BEGIN_OBJECT) {
                found = image(in, key);
            } else {
                in.skipValue();
            }
        }
        in.endObject();
        return found;
    }

    private static RemoteFile image(JsonReader in, String key) throws IOException {
        String url = null;
        String path = null;
        String md5 = null;
        long size = -1;
        in.beginObject();
        while (in.hasNext()) {
            switch (in.nextName()) {
                case "file_url" -> url = in.nextString();
                case "file_path" -> path = in.nextString();
                case "file_md5" -> md5 = in.nextString();
                case "file_size" -> size = in.nextLong();
                default -> in.skipValue();
            }
        }
        in.endObject();
        if (url == null || path == null || md5 == null || size < 0 || path.contains("..") || path.startsWith("/")) {
            throw new PreparationException("FFHQ metadata entry " + key + " lacks a usable file_url, file_path, "
                    + "file_size or file_md5");
        }
        return RemoteFile.of(path, url, size, true, Checksum.md5(md5, "FFHQ's ffhq-dataset-v2.json"));
    }
}
