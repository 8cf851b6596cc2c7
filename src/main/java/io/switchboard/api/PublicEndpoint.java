package io.switchboard.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource class whose endpoints need no key (health probes). Authentication decides by
 * the resource a request matched, never by the text of its path, so no spelling of a path
 * ({@code /health/%2e%2e/v1/models}, {@code //health/../v1}) can borrow this exemption.
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PublicEndpoint {
}
