package io.kafkasse.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A test class that needs a server of its own: it reads what the whole server answers (health, the OpenAPI document),
 * deploys and undeploys the WAR itself, or starts its own server. It runs in the failsafe execution {@code own-server},
 * one class at a time, through the server's own Arquillian container; every other class shares the suite server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(OwnServer.TAG)
public @interface OwnServer {

    String TAG = "own-server";
}
