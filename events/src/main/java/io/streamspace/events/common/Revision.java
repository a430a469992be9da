package io.streamspace.events.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The revision of an event's stored shape; bump it with an upcaster whenever the shape changes.
 *
 * <p>Our own annotation rather than Axon's, so the published language depends on nothing: the
 * serializer's revision resolver reads it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Revision {
  String value();
}
