"""Phrase banks that pull the decision vocabulary of job rejections apart from its
object: selection decisions about things that are not jobs, the applicant's own mail in
the first person, recruitment-process notices, and plain or terse job rejections whose
stage is signalled in many indirect ways.

The point of these banks is balance: every courtesy formula that a rejection uses
("after careful consideration", "this time", "we appreciate your interest", "best of
luck", "we have decided") also occurs here in mail that is *not* a job rejection, so a
model has to learn what is being decided and about whom.
"""

from __future__ import annotations

from rejoinder.classifier.corpus.spin import bank

# --- selection decisions that are not about a job ---------------------------------------
# Slots: <thing> (what was applied to, with article), <item> (the submitted thing),
# <object> (what would have been granted), <pool> (the others), <panel>, <cycle>,
# <org> (the deciding organisation), <next> (the next round).

NONJOB_SUBJECTS = bank("""
    - {Your|Update on your|Regarding your} <item>{ – <short>|}
    - <short>: {decision|outcome|result|notification}
    - {Outcome|Result|Status} of your <item>
    - {Decision|A decision} regarding your <item>
    - <short> {<cycle_word>|} – {application|selection} {update|results}
    - Re: <short>
    - {Important|An update}: your <item>{ (<ref>)|}
    - Thank you for applying{ to <short>|}
    - <org> – {notification|your <item>}
    - {Update|News} from <org>
""")

NONJOB_OPEN = bank("""
    - Thank you for your {application|interest in} <thing>.
    - {Thank you|Thanks} {so much|very much|} for {submitting|sending us} your <item>{ for <thing>|}.
    - We {truly|really|} appreciate {you taking|the time you took} {the time|} to apply {to|for}
      <thing>.
    - {We appreciate|Thank you for} your interest in <thing> and the {effort|care|time} you put
      into your <item>.
    - {We have|We've} {now|} {completed|finished} {our|the} review of {all|the} <pool>{ received
      <cycle>|} {for|to} <thing>.
    - {After reviewing|Having reviewed|Following a careful review of} your <item>, {the
      <panel>|we} {met|met last week|have met} to {make|finalise} {its|our} {decisions|selections}.
    - {I am|I'm} writing {regarding|about|in regard to} your <item> {to|for} <thing>.
    - {This email|This message|This letter} {is|is to} {regarding|about|let you know the outcome
      of} your <item>{ (reference <ref>)|}.
    - {Thanks|Thank you} for {your patience|waiting} while {the <panel>|we} {reviewed|considered}
      {every|each} <item_one>.
    - We {were|have been} {delighted|pleased|glad} to receive {so many|a record number of} <pool>
      {this year|<cycle>|for <thing>}{, including yours|}.
    - {Dear applicant, |}{we write|we are writing} {regarding|concerning} the {<cycle_word>
      |}selection {process|round} for <thing>.
""")

NONJOB_DECIDE = bank("""
    - {After careful consideration|After much deliberation|Following careful review}, {we
      regret to inform you|we are sorry to tell you|I'm sorry to let you know} that your <item>
      {was not selected|has not been successful|was not successful} <cycle>.
    - {Unfortunately|Regrettably|Sadly}, we are {unable|not able} to offer you <object>{ at this
      time| <cycle>| on this occasion|}.
    - {We have|We've} decided not to {move forward|proceed|go ahead} with your <item>{ <cycle>|
      at this time|}.
    - The <panel> {has|have} decided to {proceed|move forward|go ahead} with other <pool> {whose
      profiles|that} {more closely|better} {matched|fit} {our|the} {priorities|criteria|focus}
      {for <thing>|<cycle>|}.
    - {We will not be|We are not} {progressing|taking forward|moving forward with} your <item>{ to
      the next stage|<cycle>|}.
    - {I'm afraid|Unfortunately} your <item> {was not shortlisted|did not make the shortlist|did
      not reach the final round}{ <cycle>|}.
    - {It is with regret that|Regretfully,} we {must|have to} {let you know|inform you} that we
      {cannot|can't} {accept|approve|support} your <item>{ <cycle>| this time|}.
    - {This time|On this occasion|<cycle_cap>}, {we|the <panel>} {could not|were unable to}
      {accept|approve|select} your <item>, {despite|in spite of} its {many|clear}
      {strengths|merits}.
    - {Unfortunately|Regrettably}, {we had to|we've had to} {make|take} {some|a number of}
      {difficult|hard|tough} decisions, and {we are not able to|we can't} {offer|extend} you
      <object>.
    - Your <item> {has been placed|was placed|is} on the {waitlist|waiting list|reserve list}{ <cycle>|},
      {which means|so} {we cannot|we can't} {offer|confirm} <object> {right now|at this
      stage|yet}.
    - {We are sorry|We regret} that {we cannot|we are unable to} {offer|give} you {good news|a
      more positive answer} {this time|on this occasion|regarding your <item>}.
    - {Not|It is not} {the news|the answer} you {were hoping for|wanted}, {but|and} {I'm|we're}
      sorry to say {we won't|we will not} be {able to offer|offering} you <object>{ <cycle>|}.
    - {Based on|Given} {the|our} {criteria|eligibility requirements|assessment}, your <item> {does
      not|did not} {qualify|meet the requirements} {for|of} <thing>{ at this time|}.
    - {The|Our} decision {was|has been} {not to|to not} {approve|accept|select} your <item>
      <cycle>.
    - {In the end|Ultimately}, <object> {went|has gone} to {other <pool>|someone else}{ <cycle>|}.
    - {You have not|You haven't} been {picked|chosen} for <thing>{ <cycle>|, I'm sorry to say|}.
    - {We|The <panel>} {can't|cannot} {make room for|find a place for} you {in|on} <thing>
      <cycle>.
    - {Sorry|Apologies}, {it's|this is} a no {for|on} <object> <cycle>.
""")

NONJOB_POSITIVE = bank("""
    - {Congratulations|Good news}! {We are|I am} {delighted|pleased|happy} to {let you
      know|confirm} that your <item> {was|has been} {selected|accepted|approved} <cycle>.
    - {After careful consideration|After reviewing all <pool>}, the <panel> {has|is happy to
      have} {selected|shortlisted} your <item>{ for the final round|}. {Next steps|Details} follow
      below.
    - {Unfortunately|Regrettably}, {we are|we're} {missing|still missing} {one|a} {document|piece
      of information} {from|in} your <item>; {please|kindly} {upload|send} it {by|before} <date>
      {so that|and} we can {complete|continue} {our|the} review.
    - {We regret the delay|Sorry for the delay|Apologies for the slow reply}: {the <panel>|we}
      {needs|need} {a few more weeks|more time} to {review|consider} all <pool>. {We expect|You
      should hear} {to decide|from us} by <date>.
    - Your <item> {is|has been} {complete|received} and {is now|will be} {under review|with the
      <panel>}. {Decisions|Outcomes} {will be|are} {sent|announced} {by|on} <date>.
""")

NONJOB_REASON = bank("""
    - We received {over|more than|almost} <n>0 <pool> {for|and had only} <small> {places|spots|
      awards|slots}{, so the competition was exceptionally strong|}.
    - {This|The} decision {is not|was not} a reflection {of|on} the {quality|merit} of your
      {work|<item>|proposal}; {demand|the number of strong <pool>} {far|simply} {exceeded|outstripped}
      {the|our} {available|} {places|funding|capacity}.
    - {The|This year's} {pool|field} {was|has been} {highly|extremely|very} competitive, and {many|a
      number of} {excellent|strong} <pool> {could not|were not able to} be {accepted|supported}.
    - {The|Our} <panel> {assessed|scored} {each|every} <item_one> against {the|our} published
      criteria{, and the decision was a difficult one|}.
    - {Other|Some other} <pool> {more closely|better} {matched|aligned with} {the|our} {focus|
      priorities|requirements} {for|of} <thing>{ <cycle>|}.
    - {Due to the high volume|Because of the large number} of <pool>, {we are|we're} {unable|not
      able} to {provide|offer} {individual|detailed|personal} feedback.
""")

NONJOB_DOOR = bank("""
    - We {encourage|warmly encourage|would encourage} you to {apply|submit} again {in|for}
      <next>.
    - {Please|Do} {keep an eye on|check} {our website|our newsletter|<link>} for {future|upcoming}
      {calls|rounds|opportunities}.
    - {We hope|I hope} {you will|you'll} {consider|think about} {applying|submitting} again{ in
      the future| <next>|}.
    - {We will|We'll} keep your {details|<item>} on file{ and contact you if a place becomes
      available| in case a spot opens up|}.
    - {If you would like|Should you wish to receive} {feedback|brief feedback} {on your
      <item>|from the <panel>}, {please|just} reply to this {email|message}{ by <date>|}.
    - {You are|You're} {welcome|very welcome} to {reapply|apply again} {for|in} <next>{ when it
      opens|}.
    - {We will|We'll} {keep|hold} your {details|<item>} {on file|in our records} for <months>
      months{ in case a place becomes available|}.
    - {If you have any questions|Should you have any questions} about {this decision|the
      process|your <item>}, {please|just|do} {let us know|reply to this email|get in touch}.
""")

NONJOB_WISHES = bank("""
    - {We appreciate|Thank you for} your interest in <org>{ and wish you the best of luck| and
      wish you every success|}.
    - {We|I} wish you {the very best|every success|all the best|the best of luck} with your
      {project|plans|studies|work|search for a home|future endeavours}.
    - {Thank you|Thanks} {again|once more|} for {your time|the time and effort you put into your
      <item>|applying|considering us}.
    - {Best of luck|Good luck}{ with everything| going forward| in the future|}!
    - {We are|I am} {grateful|thankful} for your {interest|enthusiasm|patience}{ throughout the
      process|}.
    - {We|I} {hope|trust} {you'll|you will} find {the right|a good} {opportunity|fit|place} {soon|
      very soon|elsewhere}.
    - {Wishing you|We wish you} {success|all the best} {in your|with your} {next steps|future
      plans|work}.
""")

# Things not jobs that people apply for. Columns: short name, <thing>, <item>, <item_one>,
# <object>, <pool>, <panel>, <cycle>, <next>. Plain tuples of templates, expanded per record.
NONJOB_KINDS: tuple[tuple[str, ...], ...] = (
    (
        "<place> {Research|Community|Innovation} Grant",
        "the <short>",
        "{grant application|funding application|application|proposal}",
        "proposal",
        "{funding|a grant|an award}",
        "{applications|proposals}",
        "{review panel|funding committee|grants committee}",
        "{in this round|this cycle|this funding round}",
        "{the next funding round|our next call}",
    ),
    (
        "{<place> Scholarship|<place> Bursary}",
        "the <short>",
        "{scholarship application|application}",
        "application",
        "{the scholarship|a bursary|an award}",
        "{applicants|candidates|applications}",
        "{selection committee|scholarship committee}",
        "{this year|this cycle|for the coming academic year}",
        "{next year's cycle|the next intake}",
    ),
    (
        "<place> Fellowship",
        "the <short> {programme|program}",
        "{fellowship application|application|candidacy}",
        "application",
        "{a fellowship|a place in the cohort|a fellowship place}",
        "{candidates|applicants}",
        "{selection committee|fellowship committee|panel}",
        "{this cycle|this year|for the <year> cohort}",
        "{the next cycle|next year's call}",
    ),
    (
        "<place> {Accelerator|Startup Lab|Launchpad}",
        "the <short> {cohort|programme|Batch <small>}",
        "{application|startup application}",
        "application",
        "{a place in the cohort|a spot in the batch|investment}",
        "{startups|companies|teams|founders}",
        "{selection committee|investment committee|partners}",
        "{for this batch|this cohort|this time}",
        "{our next batch|the next cohort}",
    ),
    (
        "<place> {Artist|Writers'} Residency",
        "the <short>",
        "{residency application|application|portfolio}",
        "application",
        "{a residency|a residency place|a studio place}",
        "{artists|writers|applicants}",
        "{jury|selection panel}",
        "{this season|this year|this round}",
        "{the next open call|next season}",
    ),
    (
        "<conf>",
        "<conf>",
        "{talk proposal|session proposal|speaker application|abstract}",
        "proposal",
        "{a speaking slot|a slot on the programme|a place on the agenda}",
        "{proposals|talks|submissions}",
        "{programme committee|program committee|content team}",
        "{this year|this edition|for <conf>}",
        "{next year's CFP|the next edition}",
    ),
    (
        "{<event> volunteers|<event> volunteer team}",
        "the <event> volunteer programme",
        "{volunteer application|application}",
        "application",
        "{a volunteer role|a place on the volunteer team|a shift}",
        "{volunteers|applicants}",
        "{volunteer coordinators|organising committee}",
        "{this year|this season|for this event}",
        "{next year's event|future events}",
    ),
    (
        "<address>",
        "the {apartment|flat|property|unit} at <address>",
        "{rental application|tenancy application|application|apartment application}",
        "application",
        "{the tenancy|the apartment|the lease}",
        "{applicants|applications|prospective tenants}",
        "{landlord|owner|letting team}",
        "{this time|on this occasion|for this property}",
        "{other listings|future listings}",
    ),
    (
        "<bank> {Credit Card|Personal Loan|Mortgage}",
        "{a <bank> credit card|a <bank> personal loan|a <bank> mortgage}",
        "{credit application|loan application|application}",
        "application",
        "{credit|the credit you requested|what you applied for}",
        "{applications|applicants}",
        "{credit team|underwriting team|lending team}",
        "{at this time|on this occasion|today}",
        "{six months' time|the future}",
    ),
    (
        "<org_club> Membership",
        "membership of the <org_club>",
        "{membership application|application}",
        "application",
        "{membership|a membership place|a place on the roster}",
        "{applicants|prospective members}",
        "{membership committee|committee|board}",
        "{this season|this year|at this time}",
        "{next season|the spring intake}",
    ),
    (
        "<place> {Open Call|Art Prize|Photo Award}",
        "the <short>",
        "{submission|entry|portfolio}",
        "entry",
        "{a place in the exhibition|a shortlist place|the award}",
        "{entries|submissions|artists}",
        "{jury|judges|selection panel}",
        "{this year|this edition|for this call}",
        "{next year's call|our next open call}",
    ),
    (
        "<place> {Summer School|Bootcamp|Leadership Course}",
        "the <short>",
        "{application|course application|enrolment application}",
        "application",
        "{a place on the course|a seat|a place in the programme}",
        "{applicants|participants|candidates}",
        "{admissions team|selection committee|course team}",
        "{this intake|this year|for the <term> intake}",
        "{the next intake|future intakes}",
    ),
    (
        "<place> Mentoring {Programme|Program}",
        "the <short>",
        "{mentee application|application}",
        "application",
        "{a mentor match|a place in the programme}",
        "{mentees|applicants}",
        "{programme team|matching committee}",
        "{this cycle|this round|this time}",
        "{the next cycle|the autumn round}",
    ),
    (
        "{<place> Animal Rescue|<place> Dog Trust|<place> Cat Shelter}",
        "the adoption of <pet>",
        "{adoption application|application}",
        "application",
        "{the adoption|<pet>}",
        "{applicants|families|adopters}",
        "{rehoming team|adoption team}",
        "{this time|on this occasion|for <pet>}",
        "{other animals in our care|future adoptions}",
    ),
    (
        "{<place> Community Garden|<place> Allotments}",
        "a plot at the <short>",
        "{plot application|application|waitlist request}",
        "application",
        "{a plot|an allotment}",
        "{applicants|households}",
        "{garden committee|allotment committee}",
        "{this season|this year}",
        "{next season|the spring allocation}",
    ),
    (
        "{<place> Council|City of <place>} Tender <ref>",
        "tender <ref>",
        "{bid|tender submission|proposal}",
        "bid",
        "{the contract|the award|this contract}",
        "{bidders|suppliers|tenders}",
        "{evaluation panel|procurement team}",
        "{on this occasion|for this tender|this time}",
        "{future tenders|upcoming procurements}",
    ),
    (
        "{<place> Startup Pitch|<place> Hackathon|<place> Innovation Challenge}",
        "the <short>",
        "{entry|application|team application}",
        "application",
        "{a place in the final|a stand|a finalist spot}",
        "{teams|applicants|startups}",
        "{judges|jury|organisers}",
        "{this year|this edition|this round}",
        "{next year's edition|the next challenge}",
    ),
    (
        "{Trial|Study} <ref>",
        "our {research study|clinical study|user study}",
        "{screening questionnaire|application to take part|sign-up}",
        "application",
        "{a place in the study|a participant slot}",
        "{volunteers|participants|applicants}",
        "{study team|research team}",
        "{at this time|for this study}",
        "{future studies|our next study}",
    ),
    (
        "{<place> Primary School|<place> Nursery|<place> Day Care}",
        "a place at <short>",
        "{school place application|nursery application|application}",
        "application",
        "{a place|a place for your child}",
        "{families|applications}",
        "{admissions team|admissions panel}",
        "{for this September|for the <term> intake|this year}",
        "{the waiting list|future intakes}",
    ),
    (
        "{<bank> Insurance|<bank> Home Cover}",
        "{a policy|home insurance|travel cover}",
        "{insurance application|application|quote request}",
        "application",
        "{cover|a policy|the policy}",
        "{applications|customers}",
        "{underwriters|underwriting team}",
        "{at this time|on this occasion}",
        "{twelve months' time|the future}",
    ),
    (
        "<journal>",
        "<journal>",
        "{manuscript|article|submission}",
        "manuscript",
        "{publication|a place in the issue}",
        "{manuscripts|submissions|papers}",
        "{editors|editorial board|reviewers}",
        "{this time|for this issue|in its current form}",
        "{a future issue|another journal}",
    ),
    (
        "<place> {Choir|Orchestra|Theatre Company}",
        "the <short>",
        "{audition|application|membership request}",
        "audition",
        "{a place in the ensemble|a part|a seat}",
        "{singers|musicians|performers|applicants}",
        "{music director|artistic team|casting panel}",
        "{this season|this production|this time}",
        "{next season|our next auditions}",
    ),
)

NONJOB_PETS = ("Biscuit", "Luna", "Pepper", "Mochi", "Rufus", "Olive", "Bramble", "Juno")
NONJOB_CLUBS = ("Harbour Rowing Club", "Northside Tennis Club", "Old Mill Golf Club",
                "Riverside Makerspace", "Hillcrest Co-working Collective",
                "City Sailing Association")  # fmt: skip

# --- the applicant's own mail, first person -------------------------------------------

CAND_SUBJECTS = {
    "decline_offer": bank("""
        - Re: {Offer|Your offer|Job offer}{ – <role>| from <company>|}
        - {<role> offer|Offer} – {my decision|decision|response}
        - Re: {Offer letter|Next steps}
    """),
    "withdraw": bank("""
        - {Withdrawing|Withdrawal of} my {application|candidacy}{ – <role>|}
        - Re: {<role>|Interview|Second interview|Next round}{ – <company>|}
        - {Update|Update from my side}{ re: <role>|}
    """),
    "not_looking": bank("""
        - Re: {<role> opportunity|Opportunity at <company>|Quick question|Exciting role|Your
          profile}
        - Re: {Are you open to new roles|Chat about <role>|<company> x <first>}?
    """),
    "reply_thanks": bank("""
        - Re: {Your application|Update on your application|<role>|Application update|Your
          candidacy|<company> – <role>}
        - Re: {Thank you for your interest|Interview outcome|Application status}
    """),
    "tell_friend": bank("""
        - {Re: |}{news|update|<company>|that job|the <company> thing|quick update}
        - {Didn't|Did not} get {it|the <company> job|the role}
        - {Well|So}, {that's that|that's a no}
        - Re: {how did it go|any news|the interview|fingers crossed}?
    """),
    "decline_interview": bank("""
        - Re: {Interview invitation|Interview request|Invitation to interview}{ – <role>|}
        - Re: {Next steps|Scheduling}{ – <company>|}
    """),
}

CAND_CORE = {
    "decline_offer": bank("""
        - {Thank you|Thanks} {so much|very much|again} for the offer{ for the <role> position| to
          join <company>|} and for {your patience|the time you and the team invested|all your help
          during the process}.
        - {After a lot of thought|After careful consideration|After much reflection|This was not an
          easy decision, but}, I have decided to {accept another position|accept an offer
          elsewhere|go in a different direction|stay in my current role}.
        - {Unfortunately|Regrettably|I'm sorry to say that}, I {won't be|will not be|am not}
          {accepting|able to accept} the offer{ at this time|}.
        - {The|This} decision {was|has been} {difficult|really hard|not an easy one}; {I|I really}
          {enjoyed|appreciated} {meeting the team|every conversation|getting to know everyone}.
        - {I have|I've} {decided|chosen} to {move forward|go ahead} with {another opportunity|a
          role that is closer to home|an offer that fits my plans better}.
        - {I|I truly} {appreciate|value} {your interest in me|the opportunity|your understanding}
          and {wish you|I wish you and the team} {the very best|all the best|every success} {in
          finding the right person|with the search|going forward}.
        - {I hope|Hopefully} {our paths cross again|we can stay in touch|we can keep in touch}{ in
          the future| down the road|}.
        - {Sadly|With regret|Unfortunately}, I {must|have to} {turn down|decline} the {offer|role}{;
          I have accepted a position elsewhere| as I have decided to accept another position|}.
        - {In the end|Ultimately}, I {went with|chose|accepted} {another|a different} {offer|role|
          opportunity} {that|which} {is a better fit for me|suits my situation better|is closer to
          home}{ right now|}.
        - {It is|It's} not {a|the} {decision|answer} I {made lightly|expected to give}, but I {will
          not|won't} be {joining|able to join} <company>{ at this time|}.
    """),
    "withdraw": bank("""
        - {Thank you|Thanks} for {considering me|the opportunity|inviting me to the next round}{
          for the <role> role| at <company>|}.
        - {After careful consideration|After some reflection|Having thought about it}, I {have
          decided|'ve decided} to withdraw {my application|my candidacy|from the process}{ at this
          time| for now|}.
        - {Unfortunately|Regrettably}, {my circumstances have changed|the timing is not right for
          me|I have accepted another position}, {so|and} I {don't think|do not think} it {would
          be|is} fair to {continue|take up more of your time}.
        - {I'm|I am} {sorry|sorry for any inconvenience} {to withdraw|to step back} {at this
          stage|so late in the process|now}.
        - {This was not|It was not} {an easy|a simple} decision, {as|because} I {was|have been}
          {impressed by|excited about} {the team|the role|<company>'s mission}.
        - {I wish you|Wishing you} {the best of luck|all the best|every success} {with the
          search|in filling the role|with the project}.
        - I {would|'d} {be glad|be happy|love} to {stay in touch|reconnect} {in the future|if the
          timing is better later}.
        - {Please|Kindly} {withdraw|remove} my {application|candidacy} {from consideration|for the
          <role> role}{, as I have accepted another position| as I am no longer available|}.
        - I {would like|want} to {let you know|inform you} that I {am|'m} {withdrawing|no longer
          pursuing} {my application|this opportunity}{ for personal reasons|}.
        - {I have|I've} decided {not to|to not} {continue|move forward} {in|with} the {process|
          interviews}{ at this time|} and {wanted|want} to {tell you|let you know} {promptly|right
          away}.
    """),
    "not_looking": bank("""
        - {Thanks|Thank you} {for reaching out|for thinking of me|for getting in touch} {about the
          <role> role|regarding <company>|}.
        - {Unfortunately|To be honest}, {I'm not|I am not} {looking|actively looking|open to a
          move} {right now|at the moment|at this time}{, as I recently started a new role|}.
        - {I've|I have} {recently|just} {accepted|started} {a new position|another role|a job at a
          different company}, so {I'll|I will} {pass|have to pass} {this time|on this one}.
        - {It|The role} {doesn't|does not} {seem|look} {like|to be} {the right fit|a fit} {for
          me|for what I'm looking for} {right now|this time}, {but|though} I {appreciate|thank you
          for} {the note|your message}.
        - {Please|Feel free to} {keep me in mind|reach out again} {for future roles|in six months|
          next year}.
        - {Good luck|Best of luck} {with the search|finding the right person|filling the role}!
        - {I'm|I am} {happy|settled} {where I am|in my current role} {for now|at the moment}, so
          {I'll pass|I'm going to pass|I have decided to pass} {this time|on this opportunity}.
        - {Unfortunately|Sadly}, {the role|this opportunity} {isn't|is not} {a fit|the right move}
          for me{ right now| at this time|}; {please|do} {keep in touch|reach out again later}.
    """),
    "reply_thanks": bank("""
        - {Thank you|Thanks} for letting me know{, and for getting back to me so quickly| about
          your decision|}.
        - {Of course|Naturally}, {I'm|I am} {disappointed|sad to hear it}, {but|however} I
          {understand|completely understand|appreciate the update}.
        - {I|I really} {enjoyed|appreciated} {speaking with|meeting} {you and the team|everyone}
          {and learning about|during the process and learning about} <company>.
        - {I understand|I appreciate} {that|} {you|the team} {had|must have had} {many strong
          candidates|a difficult decision to make|a tough choice}.
        - {If you have a moment|If possible|If it's not too much trouble}, {I would|I'd}
          {appreciate|welcome|value} {any|some} feedback {on|about} {my application|my
          interviews|how I could improve}.
        - {Please|Do} keep me in mind for {future|other} {openings|roles|opportunities}{ at
          <company>|}.
        - {Best of luck|Good luck|All the best} with {the search|the rest of the process|the new
          hire|the project}, and {thank you|thanks} {again|once more} for your time.
        - {Thank you|Thanks} for {the update|getting back to me|your email} and for {considering me|
          the opportunity}.
        - {I'm|I am} {sorry|sad} {it didn't work out|not to be moving forward}, {but|and} I
          {appreciate|value} {your honesty|the clear answer|you letting me know}.
        - {It was|It's been} a pleasure {getting to know|meeting} {the team|you all}, {and|so} {I
          understand|no hard feelings} — {best of luck|good luck} {with the search|with the new
          hire}.
    """),
    "tell_friend": bank("""
        - {Just|So I just} heard back from <company> — {they went with|they decided to go with}
          {another|a different} candidate{ for the <role> role|}.
        - {Bad news|Sad news|Quick update}: {I didn't get|I did not get} the <role> {job|role|
          position}{ at <company>|}.
        - {They|The recruiter} said they {decided|had decided} not to move forward with me {after
          the final round|at this time|because they wanted someone more senior}.
        - {Honestly|To be honest}, {I'm|I am} {a bit gutted|pretty disappointed|not too
          surprised}{, but it was good practice|, but I learned a lot|}.
        - {Their|The} email said {something like|basically} "{unfortunately|after careful
          consideration}" {and|and then} {wished me luck|the usual lines}.
        - {Thanks|Thank you} {again|so much} for {the referral|putting in a word|helping me
          prepare|the mock interview}, {it|that} {really|} {helped|meant a lot}.
        - {Anyway|Onwards}, {I've|I have} {two|a couple of|three} other {applications|interviews}
          {in progress|lined up} {so fingers crossed|this week}.
        - {Do you want to|Shall we} {grab a coffee|catch up} {this week|on <weekday>}? {I could use
          the advice|Would love your take}.
    """),
    "decline_interview": bank("""
        - {Thank you|Thanks} {very much|so much|} for the {invitation|interview invitation|
          opportunity to interview}{ for the <role> position|}.
        - {Unfortunately|Regrettably}, I {have to|need to|must} {decline|respectfully decline}{ the
          interview|}{, as I have accepted another offer| because I have decided to stay in my
          current role| as my plans have changed|}.
        - {I'm|I am} {sorry|sorry for the short notice} and {I|I really} {appreciate|value} your
          {time|consideration|interest in my profile}.
        - {I have|I've} decided not to {move forward|continue} {with the process|with my
          application} {at this time|for now}.
        - {I wish you|Wishing you} {the best|every success|good luck} {in finding the right
          candidate|with the search|with your hiring}.
        - {I'm afraid|Unfortunately} I {can't|cannot|won't be able to} {attend|take} the interview
          {after all|on <weekday>|}{ — I have accepted another offer| as my situation has changed|}.
        - {Please|Kindly} {cancel|remove me from} the {interview|schedule}{; I am no longer
          available for the role| as I have taken another position|}.
        - {I|I'll} {must|have to} {pass|step back} {on this one|this time}{, as I have accepted a
          different role|}; {thank you|thanks} for {thinking of me|the invitation}.
    """),
}

CAND_TERSE_SUBJECTS = bank("""
    - Re: {<role>|your application|application update|offer|next steps|interview}
    - Re: {<company>|Update|Decision}
""")

CAND_TERSE = bank("""
    - {Thanks|Thank you} for letting me know{, <contact>|}. {Understood|I understand}{ — good
      luck with the search|. All the best|}.
    - {Ok|OK|Okay}, {thanks for the update|thank you for telling me}. {Sad but|Disappointed but}
      {I understand|understandable}. {Best of luck|Good luck}!
    - {Thanks|Thank you} {but|however} I {have|'ve} {decided|chosen} to {go|move} {another
      direction|forward with another offer}. {Best|All the best}.
    - {Appreciate|Thanks for} the {note|email}. {Not|I'm not} {looking|interested} {right now|at
      the moment}{, sorry|}. {Good luck|Best of luck} {filling the role|with the search}.
    - {Sorry|Apologies}, {I|I'll} {have to|need to} {withdraw|pull out}{ from the process|} — {I|I
      just} accepted {another|a different} {position|offer}. {Thanks for everything|Thanks for
      your time}.
    - {Thank you|Thanks} for {the chance|the opportunity}. {I|I'm afraid I} {won't|will not} be
      {continuing|moving forward} {with the process|with my application}. {Best|Regards}.
    - {Thank you for the kind words|Thanks for the feedback}. {It was|It's been} a pleasure{ to
      meet the team|}. {Hope|I hope} {our paths cross again|we stay in touch}.
""")

# --- recruitment-process notices that are not decisions ------------------------------

PROCESS_SUBJECTS = bank("""
    - {Your|Update on your} application{ – <role>| for <role>|}
    - {Application|Recruitment} {update|process update}{ – <role>|}
    - {Thank you for applying|Thanks for your application}{ to <company>|}
    - {Next steps|Timeline}{ for <role>| – <company>|}
    - <role> – {status|where we are}
    - {A quick update|An update} from <company>{ Talent|}
    - Re: <role>
    - {News|Jobs|Stories} from <company>{: <month_word>|}
""")

PROCESS_CORE = bank("""
    - {Thank you|Thanks} for {applying|your application} {to|for} the <role> {role|position} at
      <company>{; we have received it|}.
    - {We appreciate|Thank you for} your interest in <company> and the time you {took|spent} {to
      apply|on your application}.
    - {Due to the high volume|Because of the large number} of applications {we receive|we have
      received}, {only shortlisted candidates|only candidates selected for interview} will be
      contacted.
    - {If you have not heard|If you don't hear} from us within <small> weeks, please {consider|
      assume} {that|} your application {unsuccessful|has not been successful}{ on this
      occasion|}.
    - {We are|We're} {currently|still} reviewing {applications|all applications|candidates} and
      {expect|hope} to {be in touch|get back to you} {by <date>|within <small> weeks|soon}.
    - {Unfortunately|Regrettably}, {the process|our recruitment process} is taking longer than
      {expected|we had planned}; {we regret the delay|we apologise for the delay|thank you for
      bearing with us}.
    - {The|This} {position|role} {remains|is still} open{, and your application is still under
      consideration| and we are still interviewing|}.
    - {After reviewing your application|Having reviewed your profile}, we {would like|'d like} to
      {invite you to|move you to} the next {step|stage}: {a short questionnaire|a phone screen|a
      video interview}.
    - {We have|We've} {decided|chosen} to extend the {closing date|deadline} {for|of} the <role>
      {role|vacancy} to <date>{ to reach a wider pool of candidates|}.
    - {Unfortunately|Sadly}, {the hiring manager|our panel} {is|was} {unavailable|away} {this
      week|last week}, {so|which means} {interviews|decisions} {will|have to} move to {next
      week|<date>}.
    - {This time|This year}, {we|our team} {received|had} {over|more than} <count> applications,
      {so|which means} {reviewing them|our review} {will|may} take {a little|a bit} longer.
    - {Your|The} {application|profile} {has been|was} added to our talent {pool|community}{; we
      will let you know when a matching role opens|}.
    - {Not|Still not} {sure|decided} {which|what} role {is right for you|suits you}? {Browse|See}
      {all|our} {open positions|current openings} at <careers_link>.
    - {We|Our team} {regret|are sorry} {that|} {we were unable to|we could not} {respond|get back
      to you} {sooner|earlier}; {your application is still under review|no decision has been
      made yet}.
    - {Please|Kindly} {complete|finish} {the|your} {online assessment|questionnaire|profile}
      {by|before} <date>{ so we can continue with your application|}.
    - {Best of luck|Good luck} with {the assessment|your interview|the next steps}{, and thank you
      again for your interest|}!
    - {We|I} {will|'ll} {be in touch|update you} {regarding|about} {next steps|the outcome}
      {as soon as|once} {we|the team} {have|has} {finished|completed} {the|our} review.
    - {We will|We'll} {keep|hold} your {application|details} {on file|in our system} for
      <months> months{ in line with our privacy policy|}.
    - {If you have any questions|Should you have any questions} {about|regarding} {the
      process|your application}, {please|just} {let me know|reply to this email}.
    - {Regarding|Re} {your question|your email} about {timing|the process}: {we|the panel}
      {expect|plan} to {decide|finalise the shortlist} {by|around} <date>.
""")

PROCESS_NEWSLETTER = bank("""
    - {This month|This quarter} at <company>: {we opened|we are hiring for} <n> new {roles|
      positions} {across|in} <city> and {remote|hybrid}.
    - {Meet|Say hello to} {the|our} <team> team{ — and find out what a day in the team looks
      like|}.
    - {Thank you|Thanks} for {being part of|joining} our talent community{, <first>|}!
    - {Unfortunately|Sadly}, {our|the} {open day|careers fair} on <date> {is|has been}
      {postponed|moved online}{; the new date follows|}.
    - {Tip of the month|Career tip}: {tailor your CV|prepare examples} {for|to} {each|every}
      {role|application}{ — it makes a real difference|}.
    - {You're|You are} receiving this {email|message} {because|as} you {joined|signed up to} our
      talent {community|network}{. Unsubscribe at any time|}.
""")

# --- plain and terse job rejections ---------------------------------------------------
# Each stage has its own signals; generic decision wording is shared by all stages.

PLAIN_SIGNAL_APPLICATION = bank("""
    - {We have|We've} {now|} reviewed your {application|CV|resume|profile|qualifications|
      background}{ for the <role> role| carefully|}.
    - {We|I} {received|had} {many|a lot of|a large number of|over <count>} applications {for|to}
      {this|the <role>} {role|position|opening|vacancy}.
    - Your {application|profile} {was|has been} {reviewed|assessed|screened} {by|with} {the
      hiring team|our recruiters|the hiring manager} against the {requirements|criteria} of the
      {role|position}.
    - {Thank you|Thanks} for {applying|your application} {to|for} {the <role> {role|position|
      opening}|<company>}{ on <date>|}.
    - {Your|The} {CV|resume|application} {you sent|you submitted} {for|to} <role> {has now|has}
      been {reviewed|considered}.
    - {We|I} {looked|had a look} {at|through} your {application|CV|portfolio}{ and your cover
      letter|}.
    - {Our|The} {recruiters|hiring team|screening team} {went through|read} {every|each}
      application {for|to} {this|the <role>} {vacancy|role} {carefully|in detail}.
    - {We|I} {read|looked at} your {cover letter|covering letter|portfolio|submitted materials}
      {together with|alongside|and} your {CV|resume|application form}.
    - {Your|The} application {went through|was considered in} {our|the} {initial screening|first
      sift|shortlisting process|selection process}{ for <role>|}.
    - {Thank you|Thanks} for {filling in|completing|submitting} {our|the} {online application
      form|application form|application} {for|to} <role>.
    - {Your|The} {application|submission} {reached|came to} {us|the hiring team} {along with|among}
      {many|a large number of|<count>} {others|applications}{ for this vacancy|}.
""")

# Clauses that open the decision sentence: "<lead>, <decision in lower case>".
PLAIN_LEAD_APPLICATION = bank("""
    - {After reviewing|Having reviewed|Upon review of} your {application|CV|resume|profile|
      qualifications}
    - {Having|After} {carefully|} {considered|assessed} your {application|experience} against
      the {requirements|criteria} {of the role|for this position}
    - {Given|Because of} the {number|volume} of {applications|applicants} {we received|for this
      role}
    - {At|Following} the {screening|shortlisting|application review} stage
""")

PLAIN_LEAD_INTERVIEW = bank("""
    - {After meeting with|Having met with|Following your meeting with} the team
    - {After|Following} your {conversation|call|interview} with <interviewer>
    - {After|Following} the {second|final|technical|last} round
    - {After|Following} {your presentation|the case presentation|your visit|your onsite}
    - {After|Having} {discussed|reviewed} the {panel's|interviewers'|team's} feedback
    - {After|Following} {the take-home|your take-home exercise|the assessment day}
    - {After|Following} {the final stage|our final conversations|the debrief with the hiring
      manager}
""")

PLAIN_DECIDE_APPLICATION = bank("""
    - {Unfortunately|Regrettably|Sadly}, {we will not be|we won't be} progressing your
      application{ further| to the next stage| at this point|}.
    - {You have not been|You were not} shortlisted {for|for interview for} {this|the <role>}
      {role|position}{ on this occasion|}.
    - {We|I} {won't|will not} be {inviting you|able to invite you} to {interview|an interview|the
      first round}{ for this role|}.
    - {Your|The} {experience|profile|background} {is not|isn't} {a fit|the right fit|a close
      match} for {this|the} {position|opening|role} {right now|at the moment|}.
    - {We|I} {have decided|decided} to {pursue|prioritise|progress} {applicants|candidates}
      {whose experience|with experience that} more closely {matches|meets} the {requirements|
      needs of the role}.
    - Your application {did not|didn't} {progress|move forward} {past|beyond} {the screening
      stage|the first review|our initial review}.
""")

PLAIN_SIGNAL_INTERVIEW = bank("""
    - {Thank you|Thanks} for meeting {with|} the team{ last week| on <weekday>|}.
    - {Thank you|Thanks} for your time {last week|on <weekday>|yesterday|this week}{ with the
      team|}.
    - It was {a pleasure|great|lovely} {speaking with|talking to|meeting} you{ about the <role>
      role| last week|}.
    - {I|We} {appreciated|enjoyed} your conversation with <interviewer>{ and the hiring
      manager|}.
    - {Thank you|Thanks} for {going through|taking part in} the {second|final|last} round{ of
      interviews|}{ for <role>|}.
    - {The hiring manager|<interviewer>} and I {discussed|went over|talked through} {your
      interviews|the feedback from your interviews|how the conversations went}.
    - {Thank you|Thanks} for {your presentation|the presentation you gave|walking us through your
      case study} {to the panel|on <weekday>|}.
    - {Thank you|Thanks} for {your visit|visiting us|coming in} {last week|on <weekday>|to meet
      the team}.
    - {The panel|Everyone on the panel} {enjoyed|appreciated} {meeting you|the conversation|your
      answers}.
    - {Thank you|Thanks} for {completing|the effort you put into} the take-home {exercise|task|
      assignment}{ and for discussing it with us|}.
    - {You|You've} {reached|made it to} the final stage{ of our process|}, {which|and that} {is|
      was} {an achievement|no small thing} {in itself|}.
    - {We|The team} {really|} enjoyed getting to know you {over the past few weeks|during the
      process|}.
    - {Thanks|Thank you} for {the call|your call|the chat|the video call} {on <weekday>|last week|
      earlier}{ with <interviewer>|}.
    - {Thank you|Thanks} for coming in{ to see us| to the office|} {on <weekday>|last week|
      yesterday}.
    - {We|I} {enjoyed|appreciated} {our|the} {conversation|chat|discussion} {about|around} <field>
      {on <weekday>|last week|the other day}.
    - {It was|It was really} {great|nice|good} to {meet you|put a face to the name}{ in person|
      on video|} {last week|on <weekday>|}.
    - {Thank you|Thanks} for {doing|completing|taking part in} the {phone screen|screening call|
      video interview|recorded interview|technical test|coding challenge|trial day|work sample|
      assessment centre}{ with us|}.
    - {We|The team} {appreciated|valued} the {opportunity|chance} to {learn more about you|get to
      know you|hear about your work} {during|through} the {interviews|process|conversations}.
    - {Thank you|Thanks} for {sharing your references|putting us in touch with your referees}
      {and for all the time you gave us|}.
    - {After speaking with|Having spoken to} {the hiring committee|the interview panel|everyone you
      met}, {I|we} {have|now have} {an update|a decision} for you.
""")

PLAIN_DECIDE_INTERVIEW = bank("""
    - {Unfortunately|Regrettably|Sadly}, {we|the team} {won't|will not} be {moving you
      forward|inviting you} to the next {round|stage}.
    - {We|The panel} {decided|have decided} to {offer the role|extend an offer} to {another|a
      different} {candidate|finalist}.
    - {After|Following} {the debrief|our debrief|the panel's discussion}, {we|the team} decided
      not to {proceed|continue} with your {candidacy|application}.
    - {We|The team} {felt|concluded} {that|} {another candidate|someone else} was {a closer
      fit|better suited} for {where the team is now|the role}.
    - {We|I} {will not|won't} be {offering you|able to offer you} the {position|role}{ this time|}.
""")

PLAIN_DECIDE_ANY = bank("""
    - {We've|We have} decided not to move forward{ with your application| with your candidacy|}.
    - {Unfortunately|Regrettably}, {we|the team} {decided|have decided} to {go with|proceed with}
      {another|a different} candidate.
    - {This time|On this occasion}, {we|the team} {won't|will not} be {proceeding|moving forward}
      {with you|with your application}.
    - {I'm|We're} {sorry|afraid}, {but|} {it's|it is} not {a fit|the right fit} for this
      {position|opening|role}.
    - {We|I} {have|'ve} filled {the|this} {opening|position|role}{ with another candidate|}.
    - {It's|It is} a no {from us|this time}{, I'm afraid|, unfortunately|}.
    - {We|The team} {won't|will not} be {taking|moving} {your application|things} further.
    - {The|Our} decision {is|was} {not to|to not} {proceed|move forward} with your {application|
      candidacy}{ for <role>|}.
    - {Unfortunately|Sadly}, {you were not|you weren't} {selected|successful} for {the <role>
      role|this position|this opening}.
    - {We|I} {regret|am sorry} to {say|tell you} {that|} {we|the team} {chose|selected}
      {another|a different} applicant.
""")

PLAIN_SOFTENERS = bank("""
    - Thanks.
    - {Thanks|Thank you} {for applying|for your interest|for your time|again}.
    - {Best of luck|Good luck|All the best}{ with your search| going forward|}.
    - {We appreciate|I appreciate} your interest{ in <company>|}.
    - {Take care|Wishing you well}.
    - {Sorry|Apologies} {it's not better news|for the disappointing news}.
    - {Feel free|Please feel free} to apply {for|to} {other|future} {openings|roles}.
""")

# Formal decisions in the many wordings real HR letters use; shared by all stages.
PLAIN_DECIDE_FORMAL = bank("""
    - {We regret to inform you|I regret to inform you|We are sorry to inform you} that your
      {application|job application|candidacy} {has been unsuccessful|has not been successful|was
      unsuccessful}{ on this occasion| for this role|}.
    - {Unfortunately|Regrettably}, {on this occasion|this time} {you have not been|you were not}
      {successful|selected|chosen} for the <role> {position|role|job}.
    - {We have|We've} {chosen|decided|elected} to {pursue|progress|proceed with} other
      {candidates|applicants} {whose skills and experience|whose profiles|who} more closely
      {match|meet|align with} {our needs|the requirements of the position|what we are looking
      for}.
    - {After|Following} {careful|thorough} {consideration|review}, {we have decided|the decision
      has been made} {not to proceed|not to continue} with your {application|candidacy} {for
      this opportunity|for this job|at this time}.
    - {We are|We're} {unable|not able} to {offer you|progress you to} {the next stage|an
      interview|the position|this opportunity}{ at this time| on this occasion|}.
    - {The|This} {position|role|job} {has been offered to|will go to|was accepted by} {another
      candidate|a candidate whose experience more closely matched our needs|an applicant with
      more directly relevant experience}.
    - {Your|The} {application|candidacy} {will not be|is not being} {taken forward|progressed|
      considered further} {for|in} {this recruitment|this hiring process|the <role> vacancy}.
    - {It was|This was} a {difficult|hard|close} decision, {but|and} {we|the team} {have|has}
      {decided|concluded} {to move forward with|to offer the role to} {another|a different}
      {candidate|applicant}.
    - {We|I} {are|am} {sorry|afraid} {we|I} {do not|don't} have {better|good} news{ for you| on
      this one|}: {we will not be|we won't be} {moving forward|continuing} with your
      {application|candidacy}.
    - {Thank you|Thanks} for {your patience|waiting}; {a decision|the decision} {has now been
      made|was made} and {unfortunately|regrettably} {it was not in your favour|you were not
      selected}.
    - {We|Our team} {do not|don't} {feel|think} {that|} your {experience|skills|profile} {is|are}
      {the right|a strong enough} {match|fit} for {this|the} {job|role|opening} {right now|at
      the moment|at this stage}.
    - {Unfortunately|Sadly}, {we are|we're} not {able|in a position} to {move your application
      forward|offer you the job}{ this time|}.
""")

# Interview-stage letters still speak of "your application"; these keep that word from
# becoming evidence of the application stage.
PLAIN_APPLIED_AND_MET = bank("""
    - {Thank you|Thanks} for {applying|your application} {to|for} the <role> {role|position} and
      for {the time you spent|taking the time to speak} with {us|the team|<interviewer>}.
    - {Thank you|Thanks} {again|} for your {application|interest} and for {interviewing|meeting}
      with {us|the team}{ last week| on <weekday>|}.
    - We {appreciate|valued} the {effort|care} you put into your application {and|as well as}
      {your interviews|the interview process|the conversations with the team}.
    - I {wanted|want} to {update you|follow up} on your application {after|following} {your
      interview|the interviews|your conversation with <interviewer>}.
""")

# Reasons and everyday function-word sentences that real rejections share with other mail.
PLAIN_EXTRAS = bank("""
    - {Because|As|Since} we {received|had} {so many|a very large number of|over <count>}
      applications, {we are|we're} {not able|unable} to {give|offer} {individual|detailed}
      feedback{ at this stage|}.
    - {Due to|Given} the {volume|number} of {applications|candidates} {for this role|we
      received}, {this decision|the decision} {was|has been} {a difficult one|not easy|very
      close}.
    - {If you have any questions|Should you have any questions|If anything is unclear}, {please|
      just|do} {let me know|reply to this email|get in touch}.
    - {We|I} would like to thank you {again|once more|} for {the time you invested|your interest|
      your patience}{ in the process|}.
    - {This|The} decision {was|has been} {not an easy one|made after careful thought|a
      difficult one}{, and it is final|}.
    - {We|I} may {contact|reach out to} you {again|} if {a similar|another|a suitable} {role|
      vacancy|opening} {comes up|becomes available} {within the next <months> months|later this
      year|}.
    - {Your|All} {details|personal data} will be {kept|stored} {for|until} <months> months{ in
      line with our privacy policy|} and then {deleted|removed}.
    - {You will|You'll} {still|} {receive|get} {our|the} {job alerts|job newsletter} {unless|until}
      you {unsubscribe|opt out}{ at <careers_link>|}.
    - {Please|Do} {don't hesitate to|feel free to} {apply|reapply} {for|to} {other|future}
      {jobs|openings|vacancies} {at|on} <careers_link>.
""")

PLAIN_FOOTERS = bank("""
    - {View|See|Browse} {all|our} {open|current} {jobs|roles|positions}: <careers_link>
    - {Privacy notice|How we use your data}: <careers_link>
    - {This|This email} was sent {to|by} <company>{ Recruiting|}{ via <vendor>|}. {Manage|Update}
      your {preferences|profile}: <careers_link>
    - <company> · <city>{ · <careers_link>|}
""")

# Footer boilerplate that organisations append to any mail, decision or not; added at the
# same rate to every kind of organisational mail so that it carries no label.
BOILERPLATE = bank("""
    - This {email|message} and any {attachments|files transmitted with it} {are|is}
      confidential and intended {solely|only} for the {addressee|named recipient}. If you
      {have received|received} it in error, please {notify the sender|let us know} and delete
      it.
    - Any views {expressed|or opinions} in this {email|message} are those of the {individual
      sender|author} {and may not|and do not necessarily} represent those of the organisation.
    - {Please consider the environment|Think before you print} {before printing this
      email|— do you really need to print this?}
    - Registered office: <n> {High Street|Market Square|Dock Road}, <city>. Registered {number|
      no.} <ref>.
    - We {are committed to|value} {equality, diversity and inclusion|equal opportunities} and
      {welcome|encourage} {people|applications} from all backgrounds.
    - {We will never|We never} ask you for {payment|your bank details} by email. If {something|a
      message} looks suspicious, {please|} {contact us|report it} {before replying|directly}.
    - Follow us on {LinkedIn|Instagram|Mastodon}{ and our blog|}: <link>
    - {Our|The} office {will be|is} closed on <date>{ for the public holiday|}; {replies may be|we
      may be} {slower|delayed} {until|after} then.
    - {You can|To} {read|see} {our|the} privacy {notice|policy}{ at| here:} <link>
""")

# Closing courtesies that organisations add to any letter, whatever it says; added at one
# rate to every label so that the function words in them carry no label.
COMMON_CLOSERS = bank("""
    - If you have any {questions|further questions|concerns}, {please|} {don't hesitate to|feel
      free to} {contact us|get in touch|reply to this email}.
    - {We|I} would like to thank you {for your time|for your patience|once again}.
    - If {we|I} could be of any {further|other} help, {please|just} let {us|me} know.
    - {We are|We're} {still|always} happy to {answer|help with} any questions{ you may have|}.
    - {I'm|We're} writing {to you|} {now|today} because {we|I} {wanted|promised} to {keep you
      informed|update you} {as soon as possible|promptly}.
    - {Please|Kindly} {note|be aware} that {this mailbox|this address} {is|may be} {checked|
      monitored} {only|} {during office hours|on weekdays}.
    - {Thank you|Thanks} {again|} for {your understanding|your interest|getting in touch}.
    - {Should|If} you {wish|need} to {contact|reach} us, {please|} {use|reply to} {this
      address|the contact details below}.
""")

# --- rejections relayed by a job board -----------------------------------------------

BOARD_REJECT_SUBJECTS = bank("""
    - {Your|An} update from <company>
    - {Your application to|Application update:} <role> at <company>
    - <company> {has an update|updated the status} {on|of} your application
    - {Application status|Status update}: <role>
""")

BOARD_REJECT_CORE = bank("""
    - {Unfortunately|Regrettably}, <company> {has decided|decided} not to move forward with your
      application for <role>.
    - {Thank you for your interest in|Thanks for applying to} <role> at <company>. {After
      reviewing|Having reviewed} your application, {they|the employer|<company>} {decided|chose}
      to {pursue|move forward with} other candidates.
    - <company> {reviewed|viewed} your application for <role> and {has chosen|decided} not to
      {proceed|continue}{ at this time|}.
    - Your application for <role> at <company> {was not selected|was not successful|has been
      declined} {for further consideration|by the employer|}.
    - {Here's|This is} {a message|a note} from <company> about your application for <role>:
      "{We appreciate your interest, but we have decided to pursue other candidates|Thank you for
      applying; unfortunately we will not be moving forward with your application}."
""")

BOARD_REJECT_AFTER = bank("""
    - {Don't give up|Keep going} — {here are|we found} {some|<small>} {similar|new} {jobs|roles}
      {you might like|that match your profile}:
    - {Jobs|Roles} {similar to|like} <role> {near you|you may be interested in}:
    - {Update|Improve} your profile to {stand out|get noticed} {by|with} {employers|recruiters}:
      <link>
""")

# Courtesies added to rejections of the *other* stage than their wording suggests:
# interview-stage letters thank for the application too, and application-stage letters
# speak for "the team" too, so these words stop deciding the stage.
COURTESY_FOR_INTERVIEW = bank("""
    - {Thank you|Thanks} {again|once more|} for {applying|your application}{ to <company>| and
      for your interest in the role|}.
    - {We|I} {truly|really|} {appreciate|appreciated} {your application|the application you put
      together} and {your interest in <company>|the time you invested}.
    - {Your|The} application {you sent us|you submitted} {showed|made clear} {real|genuine}
      {enthusiasm|commitment}{ for the role|}, {and we thank you for it|which we appreciated}.
""")

COURTESY_FOR_APPLICATION = bank("""
    - {Everyone|The whole team|The team} {at <company>|here|} {wishes you|sends} {the very
      best|best wishes|every success}{ with your search|}.
    - {The team|We} {really|truly|} {appreciated|enjoyed} {reading|learning} about your
      {experience|background} {with|in} <field>.
    - {It was|This was} {a difficult|not an easy|a close} {decision|call} {for the team|for
      us|}{, with many strong candidates|}.
""")
