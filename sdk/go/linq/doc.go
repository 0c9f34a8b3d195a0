// Linq messaging webhooks: declare subscriptions, validate event names at preview.
package linq
