/**
 * MicroProfile Health, served by the application: the response builder the specification's API
 * looks up through {@link java.util.ServiceLoader}, which Liberty's mpHealth feature would
 * otherwise provide (the feature is off because it claims all of {@code /health}).
 */
package io.switchboard.health;
