package dev.ginr.inr.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;

/**
 * Writes small Qt resource files ({@code rcc -binary} layout, format version 1 to 3) for tests: a tree of folders
 * and files, each file stored plain or zlib-compressed ({@code qCompress}: 4-byte length, then zlib).
 */
final class QtResourceFiles {

    private QtResourceFiles() {}

    /** A container holding {@code files} (paths like {@code /a/b/c.webp}); names in {@code compressed} are zlib'd. */
    static byte[] write(Map<String, byte[]> files, List<String> compressed, int version) {
        Node root = new Node("");
        files.forEach((path, data) -> root.add(path.substring(1).split("/"), 0, data));
        List<Node> order = new ArrayList<>();
        order.add(root);
        for (int i = 0; i < order.size(); i++) { // breadth first: a folder's children are consecutive
            Node n = order.get(i);
            if (n.children != null) {
                n.firstChild = order.size();
                order.addAll(n.children.values());
            }
        }
        try {
            ByteArrayOutputStream names = new ByteArrayOutputStream();
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            DataOutputStream nd = new DataOutputStream(names);
            DataOutputStream dd = new DataOutputStream(data);
            for (Node n : order) {
                if (n != root) {
                    n.nameOffset = names.size();
                    nd.writeShort(n.name.length());
                    nd.writeInt(n.name.hashCode());
                    nd.write(n.name.getBytes(StandardCharsets.UTF_16BE));
                }
                if (n.children == null) {
                    n.dataOffset = data.size();
                    n.zlib = compressed.contains(n.path);
                    byte[] stored = n.zlib ? qCompress(n.data) : n.data;
                    dd.writeInt(stored.length);
                    dd.write(stored);
                }
            }
            int nodeSize = version >= 2 ? 22 : 14;
            int header = version >= 3 ? 24 : 20;
            int tree = header;
            int dataAt = tree + order.size() * nodeSize;
            int namesAt = dataAt + data.size();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DataOutputStream o = new DataOutputStream(out);
            o.writeBytes("qres");
            o.writeInt(version);
            o.writeInt(tree);
            o.writeInt(dataAt);
            o.writeInt(namesAt);
            if (version >= 3) {
                o.writeInt(0);
            }
            for (Node n : order) {
                o.writeInt(n.nameOffset);
                if (n.children != null) {
                    o.writeShort(2);
                    o.writeInt(n.children.size());
                    o.writeInt(n.firstChild);
                } else {
                    o.writeShort(n.zlib ? 1 : 0);
                    o.writeShort(0);
                    o.writeShort(0);
                    o.writeInt(n.dataOffset);
                }
                if (version >= 2) {
                    o.writeLong(0);
                }
            }
            o.write(data.toByteArray());
            o.write(names.toByteArray());
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] qCompress(byte[] raw) {
        Deflater d = new Deflater();
        d.setInput(raw);
        d.finish();
        byte[] buf = new byte[raw.length + 64];
        int n = d.deflate(buf);
        d.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(raw.length >>> 24);
        out.write(raw.length >>> 16);
        out.write(raw.length >>> 8);
        out.write(raw.length);
        out.write(buf, 0, n);
        return out.toByteArray();
    }

    private static final class Node {
        final String name;
        String path = "";
        TreeMap<String, Node> children;
        byte[] data;
        int nameOffset;
        int firstChild;
        int dataOffset;
        boolean zlib;

        Node(String name) {
            this.name = name;
        }

        void add(String[] parts, int i, byte[] content) {
            if (children == null) {
                children = new TreeMap<>();
            }
            Node child = children.computeIfAbsent(parts[i], Node::new);
            child.path = path + "/" + parts[i];
            if (i == parts.length - 1) {
                child.data = content;
            } else {
                child.add(parts, i + 1, content);
            }
        }
    }
}
