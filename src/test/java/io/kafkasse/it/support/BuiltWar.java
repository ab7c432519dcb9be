package io.kafkasse.it.support;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The build's WAR as read once per JVM, and read again only when the file changes (a build in between). Archives are
 * made from it by merging, never by changing it.
 */
final class BuiltWar {

    private static File file;
    private static long modified;
    private static long length;
    private static WebArchive archive;

    private BuiltWar() {
    }

    static synchronized WebArchive of(File war) {
        File absolute = war.getAbsoluteFile();
        if (archive == null || !absolute.equals(file) || absolute.lastModified() != modified || absolute.length() != length) {
            file = absolute;
            modified = absolute.lastModified();
            length = absolute.length();
            archive = ShrinkWrap.createFromZipFile(WebArchive.class, absolute);
        }
        return archive;
    }
}
