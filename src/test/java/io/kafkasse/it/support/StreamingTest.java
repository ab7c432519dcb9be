package io.kafkasse.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test against the real WAR on a real server and a real broker. The broker starts first, because the
 * server's command line in {@code arquillian.xml} carries its address; then the server's port must be free; then the
 * class's deployment is named (after the class, with its writer) before Arquillian builds it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KafkaForTests.class)
@ExtendWith(ServerPortFree.class)
@ExtendWith(TestClassDeployment.class)
@ExtendWith(ArquillianExtension.class)
public @interface StreamingTest {
}
