/**
 * Deployments managed at run time through LiteLLM's {@code /model/new}, {@code /model/update} and
 * {@code /model/delete}: each entry is read with exactly the checks of a config.yaml entry and
 * handed to the router's catalog; entries from the config file stay owned by the file.
 */
package io.switchboard.modeladmin;
