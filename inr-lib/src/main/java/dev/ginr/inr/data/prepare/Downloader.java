package dev.ginr.inr.data.prepare;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * Downloads one {@link RemoteFile} resumably and verifies it before anyone uses it. Bytes go to {@code NAME.part};
 * a later run asks the server for the rest with an HTTP {@code Range} request (a server that ignores it sends the
 * whole file again, and the part is restarted). Only a complete file whose size and checksum match is renamed to
 * {@code NAME}; a mismatch deletes the part and fails with both digests. An unreachable host fails within the
 * connect timeout with a message that says so.
 */
public final class Downloader {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);
    private static final long PROGRESS_EVERY = 1 << 20;

    private final HttpClient http;

    public Downloader() {
        this(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL)
                .build());
    }

    Downloader(HttpClient http) {
        this.http = http;
    }

    /**
     * Makes {@code target} a verified copy of {@code file}: nothing happens when it already is one.
     *
     * @throws PreparationException on an unreachable host, an HTTP error, a web page instead of the file, an
     *                              interrupted transfer (the part is kept for resuming) or a checksum mismatch
     */
    public void fetch(RemoteFile file, Path target, PreparationListener listener) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            if (Files.isRegularFile(target)) {
                verify(file, target, listener);
                return;
            }
            Path part = target.resolveSibling(target.getFileName() + ".part");
            transfer(file, part, listener);
            verify(file, part, listener);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PreparationException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private void transfer(RemoteFile file, Path part, PreparationListener listener) throws IOException {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        if (file.exactSize() && have == file.bytes()) {
            return; // complete part left by a run that stopped before verifying
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(file.url()).timeout(IDLE_TIMEOUT).GET();
        if (have > 0) {
            req.header("Range", "bytes=" + have + "-");
            listener.step("resuming " + file.name() + " at " + Sizes.human(have));
        } else {
            listener.step("downloading " + file.name() + " from " + file.url());
        }
        HttpResponse<InputStream> res = send(req.build(), file);
        try (InputStream body = res.body()) {
            int code = res.statusCode();
            if (code == 416 && have > 0) {
                return; // nothing left to send: the part is complete (verification decides)
            }
            if (code != 200 && code != 206) {
                throw new PreparationException(host(file.url()) + " answered HTTP " + code + " for " + file.url()
                        + " (" + file.name() + "); nothing was kept from this answer");
            }
            String type = res.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (type.startsWith("text/html") && !file.name().endsWith(".html")) {
                throw new PreparationException(host(file.url()) + " sent a web page instead of " + file.name()
                        + " (Google Drive does so for files too large to scan or over their download quota): "
                        + "download it in a browser from " + file.url() + " and run again with --from FOLDER");
            }
            if (code == 206 && !rangeStartsAt(res, have)) {
                throw new PreparationException(host(file.url()) + " sent bytes " + res.headers()
                        .firstValue("Content-Range").orElse("(no Content-Range)") + " of " + file.name()
                        + " when asked for bytes " + have + "-; delete " + part + " and run again");
            }
            boolean append = code == 206;
            long total = res.headers().firstValueAsLong("Content-Length").orElse(-1) + (append ? have : 0);
            copy(body, part, append ? have : 0, total < 0 && file.exactSize() ? file.bytes() : total, file, listener);
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request, RemoteFile file) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException | ConnectException | UnknownHostException e) {
            throw unreachable(file, e);
        } catch (HttpTimeoutException e) {
            throw new PreparationException(host(file.url()) + " stopped answering for " + file.name()
                    + ": run the same command again to resume", e);
        } catch (IOException e) {
            Throwable root = e.getCause() instanceof UnknownHostException || e.getCause() instanceof ConnectException
                    ? e.getCause() : e;
            throw root != e ? unreachable(file, root) : new PreparationException("cannot download " + file.name()
                    + " from " + host(file.url()) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreparationException("interrupted while downloading " + file.name(), e);
        }
    }

    private static PreparationException unreachable(RemoteFile file, Throwable e) {
        return new PreparationException("cannot reach " + host(file.url()) + " to download " + file.name() + " ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + "): is this machine offline? Nothing was changed; run the same command again when online", e);
    }

    private static boolean rangeStartsAt(HttpResponse<?> res, long have) {
        String range = res.headers().firstValue("Content-Range").orElse("");
        return range.startsWith("bytes " + have + "-");
    }

    private static void copy(InputStream body, Path part, long start, long total, RemoteFile file,
                             PreparationListener listener) throws IOException {
        long done = start;
        long reported = -1;
        StandardOpenOption mode = start > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                mode)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = body.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                done += n;
                if (done - reported >= PROGRESS_EVERY) {
                    listener.progress(file.name(), done, total);
                    reported = done;
                }
            }
        } catch (IOException e) {
            throw new PreparationException("download of " + file.name() + " stopped after " + Sizes.human(done)
                    + (total > 0 ? " of " + Sizes.human(total) : "") + " (" + e.getMessage()
                    + "): run the same command again to resume", e);
        }
        listener.progress(file.name(), done, total);
        if (total > 0 && done < total) {
            throw new PreparationException("download of " + file.name() + " stopped after " + Sizes.human(done)
                    + " of " + Sizes.human(total) + ": run the same command again to resume");
        }
    }

    /** Checks size and checksum of {@code f}; on a mismatch deletes it and fails. */
    static void verify(RemoteFile file, Path f, PreparationListener listener) throws IOException {
        long size = Files.size(f);
        if (file.exactSize() && size != file.bytes()) {
            Files.delete(f);
            throw new PreparationException(file.name() + " has " + size + " bytes, the publisher states "
                    + file.bytes() + "; the file was deleted, run again to download it anew");
        }
        if (!file.checksum().pinned()) {
            return;
        }
        listener.step("verifying " + file.name() + " (" + file.checksum().algorithm() + ")");
        String got = file.checksum().digestOf(f);
        if (!got.equals(file.checksum().hex())) {
            Files.delete(f);
            throw new PreparationException("checksum mismatch for " + file.name() + ": expected "
                    + file.checksum().algorithm() + " " + file.checksum().hex() + " (" + file.checksum().source()
                    + "), got " + got + "; the file was deleted and nothing was prepared");
        }
    }

    private static String host(URI url) {
        return url == null || url.getHost() == null ? String.valueOf(url) : url.getHost();
    }
}
