namespace Insight.Pipeline.Demo;

/// <summary>How one root cause behaves in the demo world, and how customers talk about it.</summary>
/// <param name="Weight">Relative chance that an order with a problem has this root cause.</param>
/// <param name="FirstContactResolution">Chance the first contact resolves the issue.</param>
/// <param name="ChurnRisk">Chance that the problem alone makes the customer stop buying.</param>
/// <param name="DelayDays">Days from the order to the first contact (min, max).</param>
/// <param name="Statements">What customers say, with {item} and {order} placeholders.</param>
/// <param name="AgentFix">What an agent says when the issue is resolved.</param>
internal sealed record RootCauseScript(
    double Weight,
    double FirstContactResolution,
    double ChurnRisk,
    (int Min, int Max) DelayDays,
    string[] Statements,
    string AgentFix);

/// <summary>
/// The demo world's phrase bank and behaviour per root cause of the shipped taxonomy. The wording is
/// deliberately wider than the taxonomy's seed phrases, so a classifier must generalise.
/// </summary>
internal static class DemoScript
{
    public static readonly IReadOnlyDictionary<string, RootCauseScript> RootCauses = new Dictionary<string, RootCauseScript>
    {
        ["mis-pick"] = new(1.6, 0.80, 0.05, (2, 5),
        [
            "I ordered a {item} but you sent me something completely different",
            "the parcel came today and it's the wrong item, not what i ordered",
            "you sent the wrong size, I asked for a medium and got an XL",
            "wrong colour {item} arrived, I picked black and this is bright red",
            "opened the box for order {order} and there's a different product inside",
            "this isn't my {item}, someone packed the wrong thing",
            "received someone else's item instead of my {item}",
            "the {item} in the box has a different model number to what I bought",
        ], "I've arranged for the correct item to be sent today with a free returns label for the wrong one."),
        ["damaged-in-packing"] = new(1.2, 0.80, 0.05, (2, 5),
        [
            "my {item} arrived damaged, the box was crushed",
            "the {item} came broken in pieces, there was no padding at all",
            "it arrived cracked down the side",
            "the bottle was leaking all over the other things in the parcel",
            "the {item} is smashed, looks like it was just thrown in a bag",
            "opened order {order} and the {item} is dented and scratched",
            "glass was shattered when I opened the package",
        ], "I'm sending a replacement and you don't need to return the damaged one."),
        ["missing-item"] = new(1.0, 0.75, 0.05, (2, 5),
        [
            "one item was not in the box, I only received part of my order",
            "the {item} is missing from my order {order}",
            "I paid for three things and got two",
            "the parcel arrived but the {item} wasn't in it",
            "half my order is missing, the packing slip lists things that aren't there",
            "order {order} came without the {item}",
        ], "I've dispatched the missing item on next-day delivery."),
        ["late-delivery"] = new(1.8, 0.65, 0.06, (4, 9),
        [
            "my order {order} still hasn't arrived and it's past the delivery date",
            "where is my order? it was due on monday",
            "the delivery is late again, I needed the {item} for the weekend",
            "i'm still waiting for my parcel, it was meant to be here days ago",
            "the estimated delivery keeps moving, when will my {item} actually come",
            "it's been over a week and nothing has turned up",
            "the tracking just says in transit for days",
        ], "I've chased the carrier and it's out for delivery tomorrow; I've refunded the delivery charge."),
        ["lost-parcel"] = new(0.9, 0.55, 0.10, (4, 9),
        [
            "tracking says delivered but I never received anything",
            "it's marked as delivered but there's no parcel here",
            "the tracking hasn't moved in ten days, I think the parcel is lost",
            "the courier says it was handed over but nobody here got it",
            "my {item} shows delivered at 2pm, I was home all day and nothing came",
        ], "I've opened a claim with the carrier and sent a replacement."),
        ["courier-conduct"] = new(0.6, 0.85, 0.04, (2, 5),
        [
            "the driver left it outside in the rain and the {item} is soaked",
            "the courier was really rude to me at the door",
            "my parcel was thrown over the fence",
            "they left it with a neighbour I don't even know",
            "the delivery guy just dumped the box on the doorstep and drove off",
        ], "I've logged a complaint with the carrier's depot and added a safe-place note to your account."),
        ["double-charge"] = new(0.9, 0.50, 0.12, (0, 3),
        [
            "I've been charged twice for order {order}",
            "there are two payments on my card for the same order",
            "you took the money twice, my bank shows a duplicate charge",
            "my statement has the {item} payment taken two times",
            "why was I billed twice? i only placed one order",
            "double charged again, this is the second transaction for the same thing",
        ], "I've reversed the duplicate payment; it will be back on your card in 3 to 5 days."),
        ["refund-delay"] = new(1.1, 0.50, 0.10, (10, 20),
        [
            "i returned the {item} weeks ago and still no refund",
            "where is my refund? you confirmed you got the return",
            "I'm still waiting for my money back for order {order}",
            "the refund hasn't arrived in my account yet",
            "it's been three weeks since I sent it back and nothing has been credited",
            "you said the refund would take five days, it's been fifteen",
        ], "I've pushed the refund through manually; you'll see it in 2 working days."),
        ["promo-code-failed"] = new(0.8, 0.85, 0.03, (0, 2),
        [
            "the discount code from your email didn't work at checkout",
            "my promo code was not applied to the order",
            "the voucher says invalid but it doesn't expire until next month",
            "I used the 20% off coupon and was charged full price",
            "your newsletter code keeps getting rejected",
        ], "I've applied the discount manually and refunded the difference."),
        ["login-failure"] = new(0.8, 0.70, 0.06, (0, 2),
        [
            "I can't log in to my account, it keeps saying my password is wrong",
            "the password reset email never arrives",
            "I'm locked out of my account after the update",
            "i cannot sign in on the app or the website",
            "the login page just reloads when I enter my details",
            "it won't accept my password even after I reset it",
        ], "I've reset your account and sent a new sign-in link that works."),
        ["checkout-error"] = new(0.7, 0.70, 0.07, (0, 1),
        [
            "the app crashes every time I get to the payment page",
            "I get an error at checkout and can't place the order",
            "it won't let me pay, the button just spins",
            "checkout keeps failing with a server error",
            "the website freezes when I try to complete my purchase",
        ], "I've placed the order for you by phone and reported the checkout fault to our developers."),
        ["product-description"] = new(0.8, 0.80, 0.05, (3, 6),
        [
            "the {item} is not as described on the website",
            "it looks completely different from the picture",
            "the size chart is wrong, I ordered my usual size and it's tiny",
            "the description said it was leather and it's plastic",
            "the {item} is much smaller than the listing made it look",
        ], "I've arranged a free return and passed your feedback on to the product team."),
        ["out-of-stock-cancel"] = new(0.6, 0.75, 0.08, (0, 3),
        [
            "you cancelled my order because the {item} is out of stock, after taking payment",
            "I got an email saying my order was cancelled, it said in stock when I bought it",
            "why was order {order} cancelled? the {item} is no longer available apparently",
            "you sold me something you didn't have",
        ], "I've refunded the order and reserved the {item} for you when stock returns next week."),
        ["agent-misinformation"] = new(0.5, 0.60, 0.08, (1, 4),
        [
            "I was told last week that it was sorted and it isn't",
            "your colleague promised a call back and no one called me back",
            "the person I spoke to gave me the wrong information about returns",
            "I was told I'd get a replacement and nothing happened",
            "someone on the phone said it would be fixed in two days",
        ], "I've corrected the notes on your account and I'll personally confirm by email today."),
    };

    public static readonly string[] Items =
    [
        "jacket", "pair of trainers", "coffee machine", "lamp", "phone case", "dress", "blender",
        "set of glasses", "backpack", "headphones", "kettle", "duvet cover", "watch", "toaster",
    ];

    public static readonly string[] SmallTalk =
    [
        "Hi there.", "Hello, hope you're well.", "Good morning.", "Hi, sorry, it's a bit noisy here.",
        "Hiya.", "Hello, thanks for picking up.", "Hi, lovely weather today isn't it.", "Hey.",
    ];

    public static readonly string[] AgentGreetings =
    [
        "Thanks for contacting Northwind, my name is {agent}, how can I help?",
        "Hello, you're through to {agent} at Northwind customer care.",
        "Hi, {agent} here, what can I do for you today?",
    ];

    public static readonly string[] AgentChecks =
    [
        "I'm sorry to hear that. Can I take your order number?",
        "Let me pull up your account, one moment please.",
        "Sorry about that, I'll look into it now.",
        "Thanks for your patience, I'm checking the order details.",
    ];

    public static readonly string[] AgentEscalations =
    [
        "I'll escalate this to the team and someone will get back to you within 48 hours.",
        "I've raised a ticket; you should hear from us in a couple of days.",
        "I can't fix that from here, I've passed it on to the relevant department.",
    ];

    public static readonly string[] CustomerClosings = ["Thanks.", "Okay, thank you.", "Fine.", "Great, cheers.", "Right. Okay."];

    public static readonly string[] CustomerUnhappyClosings = ["Fine, but I'm not happy.", "Okay. We'll see.", "This is ridiculous, but okay."];

    /// <summary>
    /// Pain-point phrases, keyed by the taxonomy's pain-point ids. The last phrasing of each list holds none
    /// of the taxonomy's seed phrases (only words near them), so the truth check measures what the
    /// pain-point model finds beyond the seeds.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> PainPoints = new Dictionary<string, string[]>
    {
        ["long-wait"] = ["I've been on hold for forty minutes.", "I waited in the queue for over an hour.", "It took ages to get through.", "I was held on the line for forty minutes before anyone answered."],
        ["transferred"] = ["I've been transferred three times already.", "I keep getting passed around between departments.", "They put me through to another department and then back again.", "I was passed from one team to the next and around again."],
        ["repeat-explanation"] = ["This is the third time I'm explaining this.", "I already told the last person all of this.", "This is the second time I'm contacting you about this.", "I've told the last person all of this already."],
        ["broken-promise"] = ["You promised someone would call back and nobody did.", "I was told it would be sorted yesterday.", "Someone said they would ring me and nobody did."],
        ["rude-unhelpful"] = ["The last agent was really unhelpful.", "Honestly the person before you was rude.", "The last agent was really dismissive."],
        ["confusing-process"] = ["Your returns process is really confusing.", "I have no idea how I'm meant to do this on the website.", "I have no clue how your returns process works."],
    };
}
