package dev.ginr.inr.data.prepare;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP server for the fetch tests: serves byte arrays by path, honours {@code Range: bytes=N-} with 206,
 * can cut the first answer for a path short (to test resuming), and records every request's path and Range header.
 */
final class FixtureServer implements AutoCloseable {

    /** One request: the path asked for and its Range header ("" if none). */
    record Request(String path, String range) {}

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Integer> truncateOnce = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FixtureServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL, ending in '/'. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    void serve(String name, byte[] bytes) {
        files.put("/" + name, bytes);
    }

    /** The next answer for {@code name} sends only its first {@code bytes} bytes, then closes the connection. */
    void truncateNextAt(String name, int bytes) {
        truncateOnce.put("/" + name, bytes);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(new Request(path.substring(1), range == null ? "" : range));
        byte[] body = files.get(path);
        try (ex) {
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            int from = 0;
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (m != null && m.matches()) {
                from = Integer.parseInt(m.group(1));
                if (from >= body.length) {
                    ex.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
                    ex.sendResponseHeaders(416, -1);
                    return;
                }
                ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/"
                        + body.length);
            }
            ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
            ex.sendResponseHeaders(from > 0 ? 206 : 200, body.length - from);
            Integer cut = truncateOnce.remove(path);
            OutputStream out = ex.getResponseBody();
            out.write(body, from, (cut == null ? body.length : Math.min(cut, body.length)) - from);
            out.flush(); // when cut short, closing the exchange drops the connection: the client sees an early EOF
            if (cut != null) {
                Thread.sleep(300); // let the client read what was sent before the connection drops
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // "insufficient bytes written": expected when an answer is cut short on purpose
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
