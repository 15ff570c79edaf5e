/** The reasoning engine: prompts, LLM client, decisions. */
package io.tai2.reasoning;
