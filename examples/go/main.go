// The Go example: the event types Linq offers, as a stack output, and one subscription whose signing
// secret is a Pulumi secret. The provider is the linq plugin (install it with `pulumi plugin install
// resource linq <version> --file pulumi-resource-linq-v<version>-<os>-<arch>.tar.gz`); the API key comes
// from `pulumi config set --secret linq:apiKey …` or LINQ_API_V3_API_KEY.
package main

import (
	"github.com/pulumi-linq/pulumi-linq/sdk/go/linq"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		targetUrl := config.Get(ctx, "targetUrl")
		if targetUrl == "" {
			targetUrl = "https://hooks.example.com/linq/go"
		}

		available := linq.GetWebhookEventTypesOutput(ctx, linq.GetWebhookEventTypesOutputArgs{})
		ctx.Export("availableEvents", available.Events())

		inbound, err := linq.NewWebhookSubscription(ctx, "inbound", &linq.WebhookSubscriptionArgs{
			TargetUrl:        pulumi.String(targetUrl),
			SubscribedEvents: pulumi.ToStringArray([]string{"message.received", "message.read"}),
			PhoneNumbers:     pulumi.ToStringArray([]string{"+14155551234"}), // optional filter
			IsActive:         pulumi.Bool(true),                              // optional
		})
		if err != nil {
			return err
		}
		ctx.Export("inboundId", inbound.ID())
		ctx.Export("signingSecret", inbound.SigningSecret) // a Pulumi secret
		return nil
	})
}
