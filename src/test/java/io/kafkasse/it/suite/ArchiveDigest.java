package io.kafkasse.it.suite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.ArchiveAsset;
import org.jboss.shrinkwrap.api.asset.Asset;

/**
 * What an archive holds, as one SHA-256 over every entry's path and bytes (nested archives entry by entry, since
 * their zipped form carries the time they were zipped): two archives built the same way have the same digest.
 */
final class ArchiveDigest {

    private ArchiveDigest() {
    }

    static String of(Archive<?> archive) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            add(digest, "", archive);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(MessageDigest digest, String prefix, Archive<?> archive) {
        Map<String, Asset> assets = new TreeMap<>();
        for (Map.Entry<ArchivePath, Node> entry : archive.getContent().entrySet()) {
            Asset asset = entry.getValue().getAsset();
            if (asset != null) {
                assets.put(entry.getKey().get(), asset);
            }
        }
        for (Map.Entry<String, Asset> entry : assets.entrySet()) {
            String path = prefix + entry.getKey();
            digest.update(path.getBytes(StandardCharsets.UTF_8));
            if (entry.getValue() instanceof ArchiveAsset nested) {
                add(digest, path + "!", nested.getArchive());
            } else {
                try (InputStream in = entry.getValue().openStream()) {
                    digest.update(in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException("Reading " + path, e);
                }
            }
        }
    }
}
