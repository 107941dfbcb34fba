"""Phrase banks for mail that is not about a job application at all, but sounds like
one: declined loans, flats, admissions, papers, proposals, volunteering, visas,
newsletters, calendar declines and everyday personal or work mail.

Several of these *are* rejections, just not job rejections; the product must not
draft a reply to a mortgage lender thanking them for the interview.
"""

from __future__ import annotations

from rejoinder.classifier.corpus.spin import bank

# --- loans, mortgages and credit cards -------------------------------------------------

LOAN_PRODUCTS = bank("""
    - personal loan
    - mortgage
    - credit card
    - car loan
    - credit limit increase
    - home equity line of credit
    - business loan
    - student loan refinancing
    - overdraft extension
""")

LOAN_SUBJECTS = bank("""
    - {Your|Update on your} <product> application
    - {Decision|A decision} on your <product> application
    - {Important|Action}: {information|notice} about your application {<ref>|}
    - {Adverse action notice|Notice of action taken}
    - <bank> – application {reference <ref>|update}
""")

LOAN_OPEN = bank("""
    - Thank you for {applying|your application} for <a_product> with <bank>.
    - {We have|We've} {completed|finished} our review of your <product> application{ (reference
      <ref>)|}.
    - {This letter|This message} {concerns|is about} your recent application for <a_product>.
""")

LOAN_DECLINE = bank("""
    - {We regret to inform you|Unfortunately, we must tell you} that we are unable to approve
      your application {at this time|for <a_product>}.
    - {After|Following} {a careful review|an assessment} of your {application|credit
      file|financial information}, we {are not able|are unable} to offer you {the <product>|<a_product>}{
      on this occasion|}.
    - {Unfortunately|Regrettably}, your application {did not meet|does not currently meet} our
      lending criteria{ and has been declined|}.
""")

LOAN_DETAILS = bank("""
    - {The|Our} decision was based {in whole or in part|partly|} on information {obtained|in a
      report} from {a consumer reporting agency|a credit reference agency}.
    - {Principal reasons|The main reasons} for {our decision|this decision}: {insufficient credit
      history|high debt-to-income ratio|length of employment|too many recent credit enquiries}.
    - {Your|The} application {reference|number} is <ref>{; please quote it in any
      correspondence|}.
    - You have the right to {a free copy|obtain a free copy} of your credit report {within 60
      days|from the agency}{ and to dispute any inaccurate information|}.
    - {We're sorry|We regret} {we couldn't help|that we could not help} {this time|on this
      occasion}{. You are welcome to apply again in six months|}.
""")

LOAN_APPROVE = bank("""
    - {Good news|Congratulations}: your <product> application {has been|was} {approved|
      conditionally approved}{ — your documents are attached|}.
    - {We are|We're} {pleased|happy} to {confirm|let you know} {that|} {your|the} <product>
      {is|has been} approved{ subject to final checks|}.
    - {Unfortunately|Regrettably}, we {need|still need} {one more document|proof of address}
      {before we can|to} {finalise|complete} your <product> application.
""")

# --- rental applications -----------------------------------------------------------------

RENTAL_SUBJECTS = bank("""
    - {Your|Re:} application for <address>
    - {Rental|Tenancy} application {update|outcome}
    - <address> – {application|viewing} {update|follow-up}
    - Re: {Apartment|Flat|Unit} {<unit>|} at <address>
""")

RENTAL_OPEN = bank("""
    - Thank you for your interest in {the property at|the apartment at|unit <unit>,} <address>
      {and for coming to the viewing|}.
    - {Thanks|Thank you} for {submitting|sending} your rental application for <address>.
    - {Following|After} {the viewing|your viewing} {on <weekday>|last week} at <address>, {I|we}
      {have|'ve} an update {for you|}.
""")

RENTAL_DECLINE = bank("""
    - {Unfortunately|Regrettably}, the {landlord|owner|property manager} has {decided|chosen} to
      move forward with another applicant{ whose move-in date matched better|}.
    - {We received|There were} {a large number of|many|over <n>} applications for {this|the}
      {property|unit} and {unfortunately|} yours {was not selected|was not successful}.
    - {I'm sorry|We regret} to {say|tell you} that {the|this} {flat|apartment|house} {has been|was}
      let to {another|a different} applicant.
""")

RENTAL_POSITIVE = bank("""
    - {Good news|Great news}! {The landlord|The owner} {has approved|accepted} your application
      for <address>{; the lease is attached for signature|}.
    - {Please|Kindly} {provide|send} {proof of income|a reference from your current landlord} {so
      we can|to} {complete|finish} {your|the} application.
""")

RENTAL_DETAILS = bank("""
    - {Your|The} holding deposit {will be|has been} refunded {within <days> business days|to the
      card you used}.
    - {We|I} {have|'ve} {other|a few similar} {listings|units} {available|coming up} {in the
      area|next month}{ — let me know if you'd like to view them|}.
    - {Thanks|Thank you} {again|} for your {interest|time}{ and good luck with the search|}.
""")

# --- admissions ------------------------------------------------------------------------

ADMIT_SUBJECTS = bank("""
    - {Your|Update on your} application to <university>
    - {Admission decision|Decision letter}{ – <program>|}
    - <program> – {application status|admissions update}
    - {Your|An update on your} {graduate|undergraduate} application
""")

ADMIT_OPEN = bank("""
    - Thank you for {your interest in|applying to} the <program> at <university>.
    - {We have|The Admissions Office has} {completed|finished} {the|its} review of your
      application to the <program>{ for <term>|}.
""")

ADMIT_DECLINE = bank("""
    - {After careful review|Following a careful review}, the {Admissions Committee|Graduate
      Admissions Committee} {is unable to|regrets that it cannot} offer you admission {to the
      <program>|for the <term> term}.
    - {I am sorry|We regret} to {inform you|let you know} that we {are unable to|cannot} offer
      you a place {in|on} the <program>{ this year|}.
""")

ADMIT_OTHER = bank("""
    - {You have been placed|Your application has been placed} on the {waitlist|waiting list}{ for
      the <program>|}. {We will notify you|You will hear from us} {by <date>|if a place becomes
      available}.
    - {Congratulations|We are delighted to inform you}! {You have been|You've been} admitted to
      the <program> {for <term>|starting in <term>}.
""")

ADMIT_DETAILS = bank("""
    - {We|This year we} received {over|more than} <n>00 applications for {a limited number
      of|only <small>0} {places|spots|seats} {in the programme|in our incoming class}.
    - {We|I} wish you {success|every success} in your {academic|educational} {pursuits|plans}{
      and thank you for considering <university>|}.
    - {Please|Kindly} {log in to|visit} the {applicant|student} portal {to view|for} {your
      decision letter|next steps}: <link>
""")

# --- conference papers, talks, grants, journals -----------------------------------------

# Keyed by kind so that subject, verdict and sender always agree.
SUBMIT_SUBJECTS = {
    "paper": bank("""
        - <conf> {notification|decision} for submission #<n>
        - <conf>: {paper|submission} #<n> "<paper_title>"
    """),
    "talk": bank("""
        - {Your|Re: your} {talk|session} proposal for <conf>
        - <conf> {call for speakers|CFP} – {decision|update}
    """),
    "grant": bank("""
        - {Grant|Funding} application <ref> – {outcome|decision}
        - {Outcome of|Decision on} your {funding|grant} proposal
    """),
    "journal": bank("""
        - {Decision on|Your} manuscript <ms_id>
        - <journal> – manuscript <ms_id>
    """),
}

SUBMIT_DECLINE = {
    "paper": bank("""
        - We regret to inform you that your {submission|paper} #<n> "<paper_title>" {has not
          been|was not} accepted {to|for} <conf>.
        - {Unfortunately|Regrettably}, {your|the} paper "<paper_title>" {could not be|was not}
          {accepted|included} in the <conf> programme.
    """),
    "talk": bank("""
        - {Unfortunately|Sadly}, {we weren't|we were not} able to {fit|include} your talk
          {in|into} {the programme|the schedule} {this year|for <conf>}.
        - {Thank you for|Thanks for} {proposing|submitting} a talk to <conf>; {regrettably|sadly}
          it {was not selected|didn't make the final programme}.
    """),
    "grant": bank("""
        - {Your|The} proposal {was not|has not been} {recommended|selected} for funding {in this
          round|by the panel}{, and the reviewers' comments are enclosed|}.
        - We regret that {the|your} application <ref> {has not been|was not} {funded|awarded a
          grant} {this cycle|in this round}.
    """),
    "journal": bank("""
        - {The editor|After review, the editor} has {decided|reached a decision} {to reject|not to
          accept} {your|the} manuscript <ms_id> for publication in <journal>.
        - {I regret|We regret} {that|to tell you that} <journal> {cannot|is unable to} accept
          manuscript <ms_id>{ in its current form|}.
    """),
}

SUBMIT_ACCEPT = {
    "paper": bank("""
        - {Congratulations! Your|We are pleased to inform you that your} paper #<n> {has
          been|was} accepted {to|at} <conf>{ as a poster| for oral presentation|}.
    """),
    "talk": bank("""
        - {Great news|Congratulations}: your talk {has been|was} {accepted|selected} for <conf>{ —
          please confirm by <weekday>|}.
    """),
    "grant": bank("""
        - {We are pleased to|I am delighted to} {inform you|confirm} that {your|the} proposal
          <ref> {has been|was} {recommended|approved} for funding.
    """),
    "journal": bank("""
        - {The editor|We} {would like to|invite you to} {see a revised version|submit a revision}
          of manuscript <ms_id>{ addressing the reviewers' comments|}.
    """),
}

SUBMIT_DETAILS = bank("""
    - {This year|For this edition}, {we|the programme committee} received <n>0 submissions and
      {could|were able to} accept only {<pct>%|a small fraction} of them.
    - {The|All} reviews {are included|are appended} below{ and we hope you find them useful|}.
    - {We encourage|The committee encourages} you to {revise and resubmit|submit again}
      {to|for} {a future|next year's} {edition|call}.
    - {Thank you|Thanks} for {submitting|your submission} to <conf>{ and for supporting the
      community|}.
""")

# --- calendar declines -------------------------------------------------------------------

MEETING_SUBJECTS = bank("""
    - Declined: <meeting> @ <weekday> <time>
    - {Declined|Tentative}: <meeting>
    - Invitation declined: <meeting>
    - Declined: {Interview|Call} – <role> (<cand_full>)
""")

MEETING_CORE = bank("""
    - <sender_full> has declined this invitation.
    - <sender_first> {declined|has declined} {this|the} {event|meeting}{ and proposed a new time|}.
    - {Sorry|Apologies}, I {can't|won't be able to} make it{ —|,} {I have a conflict|I'm
      travelling|clash with another meeting}.
    - {Unfortunately|Sadly} {I'm|I am} {out|off} {that day|on <weekday>}{; recruiting will send
      a new time|, can we move it?|}.
    - {Not|Not going}{ —|:} {double-booked|overlaps with the board review}.
    - {When|When:} <weekday> <time> – <time2> (<tz>)
    - {Where|Where:} {Conference Room <unit>|Video call|<link>}
""")

# --- vendor and proposal decisions -------------------------------------------------------

VENDOR_SUBJECTS = bank("""
    - {RFP|RFQ|Tender} <ref> – {outcome|decision}
    - {Re:|} Your proposal for <service>
    - <service> {proposal|quote} – {update|decision}
    - {Thank you|Thanks} for your {bid|proposal}
""")

VENDOR_OPEN = bank("""
    - Thank you for {your proposal|the quote|your bid} {in response to|for} {our|the} {RFP|request
      for proposals|tender} for <service>.
    - {Thanks|Thank you} for {presenting|the presentation} {to our team|on <weekday>} {about|on}
      {your|the} <service> {proposal|offering}.
""")

VENDOR_DECLINE = bank("""
    - {After|Following} {careful|thorough} evaluation, we have decided to move forward with
      another {vendor|supplier|agency}{ for this project|}.
    - {Unfortunately|Regrettably}, {your|the} {proposal|bid} {was not|has not been} selected
      {this time|for this contract}{; the pricing was above our budget|}.
""")

VENDOR_OTHER = bank("""
    - {We're|We are} {happy|pleased} to {confirm|let you know} that {your|the} {proposal|quote}
      {has been|was} {accepted|approved}{ — the purchase order will follow|}.
    - {Could|Can} you {send|share} {a revised|an updated} {quote|proposal} {with|including}
      {the|} {maintenance|support} costs by <weekday>?
""")

VENDOR_DETAILS = bank("""
    - {We|Our team} {will|would} {welcome|be happy to receive} {your|a} {proposal|bid} {for
      future|for upcoming} {projects|tenders}.
    - {Thanks|Thank you} {again|} for the {time|effort} {your team|you} put into {the|your}
      {proposal|response}.
""")

# --- volunteering, clubs, auditions -----------------------------------------------------

VOLUNTEER_SUBJECTS = bank("""
    - {Your|Re:} volunteer application{ – <event>|}
    - <org> – {membership|volunteer} {application|update}
    - {Audition|Tryout} results
    - {Thank you|Thanks} for {signing up|applying} to volunteer
""")

VOLUNTEER_OPEN = {
    "volunteer": bank("""
        - Thank you for applying to volunteer {with|at} <org>{ for <event>|}.
        - {Thanks|Thank you} for {signing up|offering} to {help|volunteer} at <event>.
    """),
    "membership": bank("""
        - {Thanks|Thank you} for {auditioning|trying out|applying} {for|with} <org>{ this
          season|}.
        - {Thank you|Thanks} for your {membership|audition} application to <org>.
    """),
}

VOLUNTEER_DECLINE = {
    "volunteer": bank("""
        - {Unfortunately|Sadly}, all {volunteer|steward} {positions|spots|shifts} for <event>
          have now been filled.
        - {We|The organisers} {regret|are sorry} that we {cannot|are unable to} {use|place} {any
          more|additional} volunteers {this year|at <event>}.
    """),
    "membership": bank("""
        - {We|The committee} {regret|are sorry} that we {cannot|are unable to} offer you {a
          place|a spot} {this season|this year}.
        - {Unfortunately|Sadly}, {we do not|we don't} have {space|room} for {new members|more
          singers|more players} {right now|this season}.
    """),
}

VOLUNTEER_OTHER = {
    "volunteer": bank("""
        - {Great news|Welcome}! {You've been|You have been} {accepted|added} {as|to} {a
          volunteer|the volunteer team} for <event>{ — your first shift is on <weekday>|}.
    """),
    "membership": bank("""
        - {You're|You are} {now|} on our {waiting list|reserve list}{ and we'll contact you if a
          spot opens up|}.
        - {Welcome|Congratulations}! {You've been|You have been} offered a place {with|in} <org>
          {this season|for the spring term}.
    """),
}

VOLUNTEER_DETAILS = bank("""
    - {We had|There were} {far more|many more} {applicants|volunteers} than {places|roles}
      {this year|available}{, which is wonderful|}.
    - {We hope|Hopefully} {to see you|you'll join us} at {our|the} {next|spring} {open
      day|meet-up|event}.
    - {Thank you|Thanks} for {your|the} {enthusiasm|generosity} {and|—} {for supporting|for
      caring about} <org>.
""")

# --- visas and appointments ----------------------------------------------------------

VISA_SUBJECTS = bank("""
    - {Your|Change to your} visa appointment
    - {Appointment|Booking} {confirmation|rescheduled} – <ref>
    - {Visa|Residence permit} application <ref>
    - {Biometrics|Document} appointment {update|reminder}
""")

VISA_CORE = bank("""
    - Your appointment at the {Visa Application Centre|consulate|immigration office} {on
      <date>|} {has been|was} rescheduled{ due to unforeseen circumstances|}.
    - {Unfortunately|Regrettably}, {no appointments|no slots} are {currently|at present}
      available {at this location|for your visa category}. {Please|Kindly} check again {later|in
      a few days}.
    - {We regret to inform you|Please be informed} that your {visa|permit} application <ref> {has
      been|was} refused{ under the applicable rules|}. {The reasons|Details} are {set out|given} in
      the attached letter.
    - {Please|Kindly} bring {your passport|the original documents|two photographs} {to|for}
      {your|the} appointment{ on <date>|}.
    - {Your|The} {application|case} {is still being|is currently} processed{; no action is
      required|}.
    - {You may|Applicants may} {request|apply for} {an administrative review|a review}
      {within <days> days|} {of|after} receiving this {decision|notice}.
""")

# --- newsletters and product mail -------------------------------------------------------

NEWS_SUBJECTS = bank("""
    - {The|Your} <product_brand> {Weekly|Monthly|Digest}{: <topic>|}
    - {What's new|New} in <product_brand>{ this month|}
    - {Important|Changes} {to|about} your <product_brand> {plan|account}
    - {We're|We are} {retiring|sunsetting} <feature>
    - {Event cancelled|Cancelled}: <event>
    - {<n> things|Five stories} {we loved|to read} this week
""")

NEWS_CORE = bank("""
    - {Welcome to|Here's} {this week's|this month's|the latest} {issue|edition} of
      <product_brand>{ — <topic>|}.
    - {Unfortunately|Regrettably}, {we're|we are} {retiring|sunsetting|discontinuing} <feature> on
      <date>{; your data will be exported automatically|}.
    - We regret to inform you that <event> {has been|is} cancelled {due to|because of} {low
      registration|the weather|venue issues}. {Tickets will be refunded|Refunds are being
      processed} {automatically|within <days> days}.
    - {We've|We have} {decided|made the decision} to move forward with {a new pricing model|a new
      look|our new app}{ starting <date>|}.
    - {Our|The} {team|editors} {picked|selected} {a few|<n>} {articles|stories|tips} {about|on}
      <topic> {for you|this week}.
    - {Not selected|Missed out} {for|in} {our|the} {beta|early access} {yet|so far}? {Don't
      worry|No problem} — {we're|we are} {opening|rolling out to} more {accounts|users}
      {soon|next month}.
""")

NEWS_FOOTERS = bank("""
    - {You're receiving this because|You received this email because} you {subscribed|signed up}
      {to|for} <product_brand>. {Unsubscribe|Manage preferences}: <link>
    - {Unsubscribe|Update your preferences} {here|at any time}: <link>
    - {Sent by|From} <product_brand>{, 1 Example Street, <city>|}. {To stop receiving these
      emails, unsubscribe.|}
""")

NEWS_TOPICS = bank("""
    - remote work tips
    - building better dashboards
    - the future of {logistics|payments|climate tech}
    - {interview|salary negotiation} advice
    - {spring|autumn} product updates
    - {open source|community} highlights
    - personal finance basics
    - {our|the} annual report
""")

NEWS_FEATURES = bank("""
    - {Classic|Legacy} {dashboards|reports}
    - the {desktop|Windows} app
    - {Team|Starter} plan
    - {email|SMS} notifications
    - {shared|public} {folders|links}
""")

# --- everyday personal and work mail ------------------------------------------------------

PERSONAL_SUBJECTS = bank("""
    - Re: {Saturday|Dinner|Drinks} {plans|on <weekday>|}
    - {Re:|Fwd:} <project> {update|status|review}
    - {Quick|} {question|update} about <project>
    - Re: {the|our} {trip|weekend|party}
    - {Budget|Design} {review|decision}{ – <project>|}
    - {Sorry|Apologies}!
    - {Notes|Minutes} from {today's|<weekday>'s} {meeting|sync}
    - Re: {jury duty|the offer on the house|the school application}
""")

PERSONAL_CORE = bank("""
    - {Unfortunately|Sadly} I can't make it on <weekday>{ — work has gone crazy|, I'm so
      sorry|}. {Can we|Could we} {do|try} next week {instead|}?
    - {We|The team} decided to move forward with {option B|the blue design|the second vendor|the
      cheaper venue} for <project>{, so please update the deck|}.
    - I regret not getting back to you sooner{ — it's been a hectic month|}!
    - {The|Our} committee declined {the|our} budget request for <project>{, so we'll have to
      scale back|; we can resubmit in Q3|}.
    - {Good news|Update}: I was not selected for jury duty{ after all|}, so I'm free {on
      <weekday>|next week}.
    - {Unfortunately|Sadly}, {our|the} offer on the {house|flat} was declined{ — someone bid
      over asking|}. {Back to|Onto} the {search|next one}!
    - {Unfortunately|I'm sorry}, {<colleague>|the landlord|the plumber} {won't be able to|can't}
      {come|make it} {until <weekday>|this week}.
    - {Please|Can you} {decline|turn down} the {invitation|vendor demo} {politely|for me}? {We're|
      I'm} {not|no longer} {interested|moving forward with it}.
    - {Thanks|Thank you} for the {feedback|comments} on {the draft|my slides}{ — I've moved
      forward with most of your suggestions|}.
    - {Sadly|Unfortunately} {the|our} {kids'|daughter's|son's} {school|nursery} {application|place}
      {was|got} {declined|waitlisted}{, so we're looking at other options|}.
    - {Hope|I hope} {you're|you are} {well|keeping well}! {It was|It's been} {great|lovely} {to
      catch up|seeing you} {last week|on <weekday>}.
    - {Attached|Here} are the {notes|minutes} from {today's|our} {meeting|sync}. {Action
      items|Next steps} are at the {bottom|end}.
    - {We|I} {regret|apologise} to {say|let you know} that {the|our} {flight|train} {was|has been}
      {cancelled|delayed}{, so I'll be late|; I'll dial in instead|}.
    - {Congrats|Congratulations} on {the new job|your promotion|finishing the marathon}!
      {Let's|We should} celebrate {soon|on <weekday>}.
    - {Can you|Could you} {review|look over} {my|the} {PR|pull request|proposal} {before|by}
      <weekday>? {No rush|Unfortunately it's a bit urgent}.
    - {They|The landlords} said something about {the deadline|the move-in date} {moving|changing}
      {again|to next month}{, but I'm not sure what that means for us|}.
    - Who is {taking notes|running the meeting} on <weekday>? {I'm not sure|Not sure} {what|who}
      {we agreed|is on the rota} {last time|this week}.
    - {It's been|It was} a {difficult|long} week{, to be honest|}{ — a lot of things landed at
      once|}. {Wishing|Hoping} for a quieter {one|weekend}!
    - {Someone whose taste|A friend whose opinion} I trust {recommended|suggested} {a
      different|another} {restaurant|venue} for <project>{; happy to go with it if you are|}.
    - {I|We} {understand|get} {if|that} {you'd rather|you might prefer to} {wait|hold off} until
      {the|next} {spring|quarter} before {we|you} {proceed|continue} {further|} with <project>.
    - {Among|Of} {all the|the} {options|quotes} {we looked at|we got}, {the second|the cheapest}
      {one|option} {is|seems} the {most professional|best fit}{, so let's go with it|}.
    - {Sure|Of course}, {I'm|I am} {grateful|happy} to help{ — send it over whenever|}. What
      {time|day} {suits|works for} you?
    - {They've|They have} {offered|given} us {a|the} {different|bigger} {room|slot} for
      <project>{, which is a lot better|}.

""")

PERSONAL_SIGNOFFS = bank("""
    - Thanks,
    - Cheers,
    - Best,
    - x
    - Talk soon,
    - —
    - Thx,
    - Speak soon,
""")

PROJECTS = (
    "the Q3 roadmap", "the website refresh", "Project Atlas", "the offsite", "the migration",
    "the annual report", "the kitchen renovation", "the wedding", "the hackathon",
    "the onboarding flow", "the grant report", "the conference booth",
)  # fmt: skip

MEETINGS = (
    "Weekly sync", "1:1", "Design review", "Sprint planning", "Quarterly business review",
    "Coffee chat", "Team retro", "Budget check-in", "All-hands prep", "Lunch & learn",
)  # fmt: skip

SERVICES = (
    "website redesign", "payroll software", "office cleaning", "cloud hosting",
    "event catering", "translation services", "security audit", "video production",
    "fleet maintenance", "market research",
)  # fmt: skip

PROGRAMS = (
    "MSc in Data Science", "PhD programme in Biology", "MBA", "Master of Public Health",
    "BA in Economics", "MFA in Creative Writing", "LLM in International Law",
    "MEng in Robotics", "Master of Architecture", "PhD in Computer Science",
)  # fmt: skip

CONFERENCES = (
    "ICDX", "SysConf", "DataWeek", "Northern Design Summit", "PyGathering",
    "OpenInfra Days", "Regional Economics Workshop", "HealthTech Forum",
    "Symposium on Applied Logic",
)  # fmt: skip

JOURNALS = (
    "the Journal of Applied Examples", "Annals of Synthetic Research", "Review of Test Studies",
    "Quarterly Notes in Computing",
)  # fmt: skip

PAPER_WORDS = (
    "Scalable", "Robust", "Towards", "Rethinking", "Efficient", "Learning", "Measuring",
    "Graph", "Sparse", "Causal", "Federated", "Streaming", "Adaptive", "Interpretable",
)  # fmt: skip
PAPER_TOPICS = (
    "Anomaly Detection", "Query Optimisation", "Urban Mobility", "Protein Folding",
    "Code Review", "Energy Forecasting", "Email Triage", "Soil Moisture", "Dialogue Systems",
)  # fmt: skip

ORGS = (
    "the City Food Bank", "Riverside Animal Shelter", "the Harbour Choir", "Parkrun Eastside",
    "the Community Garden Trust", "Open Library Friends", "the Youth Football League",
    "the Marathon Organising Committee", "Coastal Clean-up Crew", "the Film Festival",
)  # fmt: skip

EVENTS = (
    "the Summer Festival", "the City Marathon", "the Book Fair", "Open House Weekend",
    "the Charity Gala", "the Tech Meetup", "the Winter Market", "the Science Fair",
)  # fmt: skip

STREETS = (
    "Elm Street", "Harbour Road", "Maple Avenue", "Station Lane", "Kings Parade",
    "Rue des Lilas", "Birch Close", "Canal Walk", "Orchard Way", "Hillside Terrace",
)  # fmt: skip

PRODUCT_BRANDS = (
    "Dataset Digest", "Pipeline Weekly", "Notewell", "CloudPad", "FinWise",
    "Trailmix Travel", "Pixelforge", "TaskTide", "Inbox Zero Club", "Ledgerly",
)  # fmt: skip

BANK_NAMES = (
    "Bluepine Bank", "Harborview Credit Union", "Northwind Financial", "Saltmarsh Savings",
    "Granite Peak Federal Credit Union", "Meridian Home Loans", "Kestrel Card Services",
)  # fmt: skip
