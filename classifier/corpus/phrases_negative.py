"""Phrase banks for hard negatives: job mail that is not a rejection (invitations,
confirmations, offers, the applicant's own mail...).

These deliberately reuse the vocabulary of rejections ("unfortunately", "regret",
"move forward", "other candidates", "application", "not selected") in contexts where
nothing was declined, so a model cannot get away with keyword spotting.
Non-job rejections (loans, flats, papers, admissions...) live in
:mod:`rejoinder.classifier.corpus.phrases_other`.
"""

from __future__ import annotations

from rejoinder.classifier.corpus.spin import bank

# --- interview invitations and scheduling ------------------------------------------------

INVITE_SUBJECTS = bank("""
    - Interview invitation – <role>
    - Next steps: <role> at <company>
    - {Let's|Let us} schedule {a chat|a call|your interview}
    - Your application for <role>
    - Re: <role>
    - <company> interview – please choose a time
    - Invitation: {Interview|Phone screen|Intro call} with <company> @ <weekday>
    - {Moving forward|Next round} – <role>
    - {Second|Final|Technical} interview {– <role>|at <company>}
    - Scheduling your {onsite|panel interview|call with <interviewer>}
""")

INVITE_OPENERS = bank("""
    - Thank you for applying for the <role> {position|role}{ at <company>|}.
    - {Thanks|Thank you} for {your interest in|applying to} <company>{ and for your patience|}.
    - {I|We} {hope|trust} {you're well|this finds you well}{ and thanks for applying|}.
    - {It was|It's been} great {speaking with you|to chat} {on <weekday>|last week}{ — thanks|. Thanks}
      again for your time.
    - {Thank you|Thanks} for {completing|submitting} the {assessment|take-home|questionnaire}.
    - {We|I} {have|'ve} {reviewed|had a look at} your {application|CV|portfolio} for <role>.
""")

INVITE_CORE = bank("""
    - {We'd|We would} {love|like} to {invite you to|move forward with} {a first-round
      interview|a phone screen|an interview|a video call} with {<interviewer>, our
      <interviewer_title>|the team|me}.
    - {We were|The team was} {impressed|very impressed} by your {background|experience} and
      would like to move forward {to the next stage|with your application}.
    - {I'm|I am} {pleased|happy|delighted} to {let you know|tell you} that {you have|you've}
      been {selected|shortlisted} for {an interview|the next round|the final round}.
    - {We|The hiring team} {would like to|want to} {invite you|bring you in} for {a final|an
      onsite|a panel} interview{ with the <team> team|}.
    - {Good news|Great news}{:|!| —} {the hiring manager|<interviewer>} {would like to|wants to}
      {speak with you|meet you} {about|for} the <role> role.
    - {You have|You've} {progressed|moved} to the {next|second|final} stage of {our|the}
      {process|recruitment process}{ for <role>|}.
    - {We|I} {would be|'d be} {glad|happy} to {set up|arrange} {a conversation|an
      interview|a call} {to learn more about you|to discuss the role in more detail}.
    - {We'd|We would} like to {proceed|continue} with your application{ to the next stage|} and
      {invite you to|set up} {an interview|a conversation} with {someone|a few people} from the
      {<team>|hiring} team.
    - {We'd|We would} {like|love} to move your candidacy forward{ to the next stage|} and
      {arrange|schedule} {a call|an interview} {this week|next week}.
    - The candidate pool {has been|is} {strong|competitive}, and we're {excited|keen} to move
      ahead with you{ to the next round|}.
    - {We'd like to|We want to} discuss {specific|a few specific} projects from your {resume|CV}{
      and how they relate to the role|}.
    - {We know|I know} it can be hard to {find time|get away} during the {week|working day}, so
      {evening|early morning} slots are {possible|available} too.
    - We're looking to hire {someone|a person} {who can|able to} {own|lead} <field>{ from day
      one|}, and your background {looks like|seems} a {good|strong} match.
    - {Among|Of} the {many|strong} applications we {received|reviewed}, yours {stood out|was one
      we wanted to discuss further}{, and we'd like to talk|}.
""")

INVITE_LOGISTICS = bank("""
    - {Please|Kindly} use the link below to {pick|choose|book} a time that works for you:
      <link>
    - {Are you|Would you be} available on <weekday> at <time>{ (<tz>)|}? {If not, please
      suggest|Otherwise, send me} {two or three|a few} {slots|times} that suit you.
    - The interview will {last|take} about <duration> {minutes|mins} and {will take place|will
      be held} {over video|on Zoom|on Google Meet|at our <city> office|by phone}.
    - {You'll|You will} {meet|speak with} <interviewer> ({<interviewer_title>}) and {one|two}
      {members|people} from the <team> team.
    - {Please bring|Do bring} {a photo ID|your portfolio|a laptop} {with you|}{, and plan to
      arrive ten minutes early|}.
    - {A calendar invitation|An invite} {will follow|is on its way} {once you confirm|shortly}.
    - {Reply to this email|Let me know} {with your availability|if none of these times work} and
      {I'll|we'll} {find|sort out} an alternative.
""")

INVITE_TWISTS = bank("""
    - {Unfortunately|Sadly}, we {don't have|have no} {slots|availability} {next week|on
      Fridays}, so {the earliest|the first available} date is <weekday>.
    - {Please note that|Note that} {unfortunately|} we are {unable|not able} to reimburse
      {travel|travel expenses} for {first-round|initial} interviews.
    - We regret that we can only offer {morning|afternoon} {slots|times} {this week|at the
      moment}.
    - {Apologies|Sorry} for {the delay|the slow reply} in getting back to you — {we had|there
      was} {a lot|an unusually high volume} of applications {to review|to go through}.
    - {Several|Other} candidates are {also|} {in process|interviewing}, so {please|we'd
      appreciate it if you could} {reply|confirm} {by <weekday>|within two days}.
    - {If|Should} {the timing doesn't work|you're no longer interested}, {no problem|that's
      fine}{ —| —} just let {me|us} know.
""")

RESCHEDULE_SUBJECTS = bank("""
    - {Need to reschedule|Rescheduling}: {your interview|our call} {on <weekday>|tomorrow}
    - Re: Interview {on <weekday>|tomorrow} – {change of time|new time needed}
    - {Change|Update} to your interview{ schedule|}
    - {Postponed|Moved}: {Interview|Call} with <interviewer>
    - Re: <role> interview
""")

RESCHEDULE_CORE = bank("""
    - {Unfortunately|I'm so sorry, but} <interviewer> {is unwell|has come down with the
      flu|has a family emergency|has been called into an urgent meeting|is out sick today},
      {so|and} we {need|will need|have} to reschedule your interview {on <weekday>|tomorrow|this
      afternoon}.
    - {We|I} {regret|apologise for} {the short notice|any inconvenience}, but {we|I} {have to|must}
      {move|push back} {our|your} {call|interview} {by a day or two|to next week}.
    - {Unfortunately|Regrettably}, {a scheduling conflict|a clash in the calendar|an
      unexpected board meeting} {came up|has come up}, {so|and} <interviewer> {can't|cannot}
      {make|do} <time> {any more|anymore|on <weekday>}.
    - {Our office will be closed|The building is closed} {on <weekday>|tomorrow} {due to|because
      of} {the weather|a power outage|maintenance}, {so|and} {we'd like to|we need to} {move
      your interview online|find a new date}.
    - {I'm afraid|Unfortunately} {the|our} {video link|Zoom room} {didn't work|was broken}
      {earlier|today} — {sorry about that|apologies}! {Could we|Can we} {try again|rebook}
      {on <weekday>|this week}?
""")

RESCHEDULE_FOLLOW = bank("""
    - {Could|Would} you {let me know|share} your availability for {next week|<weekday> or the
      day after}?
    - {Here is|Here's} a new {booking|scheduling} link: <link>
    - {We|The team} {remain|are still} {very|really} {keen|excited} to {speak with you|meet you}{
      and this has no impact on your application| — this is purely a scheduling issue|}.
    - {Thanks|Thank you} {so much|} for your {understanding|flexibility|patience}.
    - {Would|Does} <weekday> at <time> {work|suit you} {instead|as an alternative}?
""")

# --- acknowledgements and status -----------------------------------------------------

RECEIVED_SUBJECTS = bank("""
    - {Thank you for applying|Thanks for applying} to <company>
    - {We've received|We have received|Received}: your application for <role>
    - Application {received|confirmation}{ – <role>| – <req>|}
    - Your application to <company>
    - <company> – {thank you for your application|application received}
    - {Confirmation|Acknowledgement}: <role>{ (<req>)|}
    - Thanks for your interest in <company>!
""")

RECEIVED_CORE = bank("""
    - {Thank you|Thanks} for applying {to|for} the <role> {position|role}{ at <company>|}! {We've|We
      have} {received|successfully received} your application.
    - {This email confirms|We confirm} {that we have received|receipt of} your application for
      <role>{ (<req>)|}.
    - {Your application|Your CV} {has been|was} {submitted|received} {successfully|} and
      {is now|will now be} {under review|reviewed by our recruiting team}.
    - {We're|We are} {excited|glad|happy} {that you're interested in|you want to join} <company>
      and {appreciate|thank you for} the time you took to apply.
    - {Our|The} {recruiting|talent} team {will|is going to} {review|look at} {your
      application|your qualifications} {shortly|in the coming days|over the next few weeks}.
""")

RECEIVED_CAVEATS = bank("""
    - Due to the high volume of applications {we receive|we are receiving}, we may not be able
      to respond to {every applicant|each applicant individually|everyone personally}.
    - {If you don't hear from us|If you have not heard from us} within {two|2|three|four}
      weeks, {please assume that your application has not been successful on this
      occasion|unfortunately this means we will not be progressing your application|please
      consider your application unsuccessful}.
    - {Unfortunately|Regrettably}, {we are|we're} {not able|unable} to {provide|give} {status
      updates|individual updates} {by phone|over the phone|until the review is complete}.
    - {Only|Unfortunately, only} {shortlisted|selected} candidates will be contacted{ for an
      interview|}.
    - {If|Should} {your profile|your experience} {matches|fit} {our|the} {requirements|needs},
      {a member of our team|a recruiter} {will|} {reach out|contact you} {to discuss next
      steps|within <days> days}.
    - {You can|Please} {check|track} the status of your application {at any time|anytime} {in|on}
      {our candidate portal|your candidate home page}: <link>
    - {Please|Kindly} {don't|do not} {reply to this message|reply}; {it was|this email was} sent
      {automatically|from an unmonitored address}.
""")

RECEIVED_EXTRAS = bank("""
    - {You can also|Feel free to} browse {other|our other} vacancies {on our careers site|at
      <careers_link>} {in the meantime|while you wait}.
    - {The|Our} process is {competitive|thorough}, and {we read|a recruiter reads} every
      {application|resume} {carefully|in full}.
    - In the meantime, {learn more about|get to know} {life at <company>|our culture|our team}
      {on our blog|on our careers page}: <link>
    - {We|We'll} {keep|will keep} your {details|application} {on file|in our system} {for
      <months> months|} {in accordance with|as described in} our privacy notice.
    - {Thanks again|Thank you again} for {your interest|considering a career with us}!
""")

STATUS_SUBJECTS = bank("""
    - {Update|An update} on your application{ for <role>|}
    - {Your application status has changed|Application status changed}
    - <role> – {still reviewing|status update}
    - {Thanks|Thank you} for your patience
    - {You've moved|Moving you} to the next stage{!|}
    - Re: {Following up|Checking in} on my application
""")

STATUS_CORE = bank("""
    - {We|I} {wanted to|just wanted to} {let you know|give you a quick update} that your
      application {is still|remains} under review.
    - {We're|We are} still {reviewing applications|interviewing candidates} {for <role>|} and
      {expect|hope} to {make decisions|get back to everyone} {by <date>|within the next two
      weeks|by the end of the month}.
    - {Unfortunately|I'm sorry to say}, the process is taking longer than {expected|we
      planned}{, and we apologise for the delay| because several interviewers are away|}.
    - {Good news|Great news}: {we've|we have} {moved|advanced} your application to the next
      stage{ of the process|}.
    - Your application status {has changed|was updated} to "{In review|Under consideration|
      Interviewing|Assessment}".
    - {We|The team} {haven't|have not} {made|reached} a decision yet{, and you're still very
      much in the running|; all candidates are still being considered|}.
    - {The hiring manager|<interviewer>} {is|has been} {reviewing|going through} {the|your}
      {application|feedback} {this week|right now} and {we'll|we will} {be in touch|follow
      up} {soon|by <weekday>}.
""")

STATUS_EXTRAS = bank("""
    - {Thank you|Thanks} for your {patience|understanding} {while we complete the process|in the
      meantime}.
    - {We are|We're} {grateful|thankful} for your {patience|continued interest}; {the|our}
      {selection|hiring} process {is|has been} {more difficult|longer} than {usual|expected}
      {because|as} {so many|a lot of} {strong|qualified} people applied.
    - Your candidacy {is still|remains} under {review|consideration}{ with the hiring
      manager|}, and {we'll|we will} {update you|be in touch} {by <weekday>|soon}.
    - {You are|You're} {still|} {among|one of} the candidates {we'd like to|we want to} {continue
      with|proceed with}{, and we'll be in touch about next steps|}.
    - {We|I} {regret|apologise for} {the|any} {delay|inconvenience} {and|—} {appreciate your
      continued interest|thank you for bearing with us}.
    - {There's nothing you need to do|No action is required from you} {right now|at the
      moment}.
    - {Feel free|Please feel free} to reply {with|if you have} any questions{ in the meantime|}.
""")

# --- assessments -----------------------------------------------------------------------

ASSESS_SUBJECTS = bank("""
    - {Next step|Next steps}: {online assessment|coding challenge|skills test} for <role>
    - {Your|Invitation to complete your} <platform> assessment
    - <company> – {assessment invitation|take-home exercise}
    - {Action required|Please complete}: <role> {assessment|questionnaire}
    - Re: <role> – case study
""")

ASSESS_CORE = bank("""
    - As the next step {in our process|for the <role> role}, {we'd like to|we would like to}
      invite you to complete {a coding challenge|a skills assessment|a short personality
      questionnaire|a case study|a take-home exercise} {on|via} <platform>.
    - {The|This} {assessment|test|exercise} {should take|takes} {about|around|no more than}
      <duration> minutes{ and can be completed at any time|}.
    - {Please|Kindly} complete it within {<days> days|72 hours|the next week} of receiving this
      email{ using the link below|}: <link>
    - {You'll|You will} {be asked to|need to} {solve|work through} {two|three|a few}
      {problems|scenarios|tasks} {related to|around} <field>.
    - {Once|After} {you submit|you've completed it}, {our|the} team will {review|assess} your
      {answers|submission} and {get back to you|be in touch} {within a week|shortly}.
""")

ASSESS_TWISTS = bank("""
    - {Unfortunately|Please note that}, {we cannot|we are unable to} grant extensions {beyond|past}
      the deadline{ except in exceptional circumstances|}.
    - {Unfortunately|Regrettably}, {the platform|the test} {doesn't|does not} support {mobile
      devices|Safari}, so {please|} use a {laptop|desktop computer}.
    - {If you need|Should you require} {accommodations|adjustments} {for the assessment|}, {please|}
      {let us know|reply to this email} {before you begin|in advance}.
    - {Good luck|Best of luck}{ — we look forward to seeing your work|!}
""")

# --- offers ---------------------------------------------------------------------------

OFFER_SUBJECTS = bank("""
    - {Offer|Your offer} {from|at} <company>
    - {Congratulations|Congrats}! {Offer for|<role> offer –} <role>
    - <role> – offer letter
    - {Following up on|Re:} {your|the} offer
    - {Offer details|Updated offer} – <role>
    - {Welcome to|Welcome aboard,} <company>!
""")

OFFER_CORE = bank("""
    - {Congratulations|Congrats}! {We're|We are} {delighted|thrilled|very pleased} to offer you
      the {position|role} of <role>{ at <company>|}.
    - {On behalf of|For} {the whole team|<company>}, {I'm|I am} {happy|excited} to {extend|make}
      you an offer {for|to join us as} <role>.
    - {I wanted to follow up|Just following up|I'm following up} on the offer {we sent|I sent}
      {on <weekday>|last week} {and wanted to see|to see} if you {have any questions|need
      anything else from us}.
    - Please find {attached|enclosed} {your offer letter|the offer letter and contract}, which
      {sets out|includes} {the details of your compensation|your base salary of <salary> and
      benefits}.
    - {We're|We are} {thrilled|excited} to move forward with you{ —|!} {the team was|everyone you
      met was} {unanimous|enthusiastic}.
    - {Your|The} proposed start date is <start_date>{, but we're flexible|}.
    - {We're|We are} {grateful|thankful} for {the time you spent with us|your patience} and
      {sure|confident} {you'll|you will} {make a big difference|do great things} {on|in} the
      <team> team.
""")

OFFER_TWISTS = bank("""
    - We regret the delay in getting the {offer|paperwork} to you{ — approvals took longer than
      expected|}.
    - {Unfortunately|Regrettably}, {we are unable to|we can't} {increase the base salary|meet
      your salary request} {further|at this time}, but {we can offer|we're happy to add} a
      {signing bonus|one-time bonus} of <amount>.
    - {Please|Kindly} {let us know|confirm} {your decision|whether you accept} by <deadline>.
    - {Sorry|Apologies} {it took|for taking} {so long|a while} {to get back to you|to finalise
      things}{ — we had to wait for budget sign-off|}.
    - {The offer is|This offer is} {contingent on|subject to} {a background check|references|the
      right to work}{ and is valid until <deadline>|}.
    - {Don't hesitate|Please don't hesitate} to {reach out|call me} {if you'd like to discuss
      anything|with any questions}.
""")

# --- recruiter outreach --------------------------------------------------------------------

OUTREACH_SUBJECTS = bank("""
    - {Opportunity|Exciting opportunity}: <role> {at|with} <client_name>
    - <role> role – {open to a chat|interested}?
    - {Quick question|Quick intro}
    - {Your profile|Your background} {and|+} <a_role> {role|opening}
    - {Are you open to new opportunities|Open to new roles}?
    - <role> | <city> | {£|€|$}<k>k
""")

OUTREACH_CORE = bank("""
    - I came across your profile {on LinkedIn|on <board>|} and thought you {might be|could be} a
      {great|strong} fit for <a_role> {role|position} {I'm recruiting for|I'm working on} {at
      <client_name>|with a client in <city>}.
    - {I'm|I am} {reaching out|getting in touch} because {your experience in <field>|your
      background} {stood out|caught my eye} for <a_role> {opening|role} {with|at} <client_name>.
    - {My client|We}{ are| is} {growing|expanding} {the|their|our} <team> team and {looking
      for|hiring} {<a_role>|an experienced <role>}{ to join in <city>|}.
    - {The role|It} {pays|offers} {around|up to} <salary> {plus|and} {equity|bonus|benefits},
      {with|and} {hybrid|remote} working.
""")

OUTREACH_CLOSE = bank("""
    - {Would you be|Are you} open to a {quick|short|15-minute} {chat|call} {this week|next
      week}?
    - {If|In case} {the timing isn't right|this isn't the right fit}, no worries{ at all|} — just
      let me know and I won't follow up.
    - {Unfortunately|Sadly} {I can't share|I'm not able to share} the client's name {yet|until we
      speak}, {but|though} {I can|happy to} {tell you more|give more detail} on a call.
    - {Happy|Glad} to {send|share} the {full|} job description {if you're interested|if
      useful}.
""")

# --- job boards ----------------------------------------------------------------------

ALERT_SUBJECTS = bank("""
    - <n> new jobs for "<query>"
    - {Jobs|Roles} you may be interested in
    - New <query> {roles|jobs} {near <city>|in <city>|for you}
    - {Your|Today's} job alert: <query>
    - {<n> new matches|New matches} {for your search|this week}
""")

ALERT_INTROS = bank("""
    - {Here are|These are} {today's|this week's|the latest} {jobs|openings} matching your
      {search|alert} "<query>".
    - {We found|<board> found} <n> new {jobs|roles} {that match|for} your {preferences|saved
      search}.
    - {Based on|Inspired by} your {profile|recent activity}, {here are|we picked} {some|a few}
      {roles|jobs} {you might like|for you}.
""")

ALERT_FOOTERS = bank("""
    - You are receiving this {email|alert} because you created a job alert on <board>.
      {Unsubscribe|Manage alerts}: <link>
    - {Not interested?|Too many emails?} {Change|Update} your {alert|email} {settings|frequency}
      {here|at <link>}.
    - {Unfortunately|Note:} {some|older} {listings|jobs} {may have|might have} {closed|expired}
      {since|by the time} {this email was sent|you read this}.
""")

BOARD_SUBJECTS = bank("""
    - {Your application was viewed|Your application was seen} by <company>
    - {A job you saved|Saved job} is {closing soon|no longer accepting applications}
    - <n> people {viewed|have viewed} your profile this week
    - {Reminder|Don't forget}: {finish your application|complete your profile}
    - {Your|Weekly} {job search|application} {summary|recap}
""")

BOARD_CORE = bank("""
    - {Good news|Heads up}: <company> {viewed|has viewed} your application for <role>.
    - {Unfortunately|Sorry}, the job you saved, <role> at <company>, is no longer accepting
      applications. {Here are|Check out} {some|a few} similar {roles|jobs}:
    - {You|You've} {started|began} an application for <role> at <company> but {didn't|haven't}
      {finish|finished} it{ yet|}. {Pick up|Continue} where you left off: <link>
    - {This week|In the last 7 days}, {recruiters|<n> recruiters} {viewed|looked at} your profile
      and you {appeared|showed up} in <n> searches.
    - {You applied to|You've applied to} <n> {jobs|roles} {this month|so far}{ — nice work|}.
      {Keep going|Keep it up}!
    - <n> {other|} {applicants|people} {have|} applied {for|to} <role> at <company>{; you're in
      the top 25%|}.
""")

# --- the applicant's own mail (from the user, in Sent or Cc) -----------------------------

THANKS_SUBJECTS = bank("""
    - Thank you{ – <role> interview|!| for your time|}
    - {Re|RE}: <role> interview
    - {Following up|Thank you} {after|on} {our|today's|yesterday's} {conversation|interview}
    - Thanks for {today|the conversation}
""")

THANKS_CORE = bank("""
    - Thank you {so much|again} for taking the time to {speak|meet} with me {today|yesterday|on
      <weekday>} about the <role> {role|position}.
    - I {really|} enjoyed {learning|hearing} {more|} about {the <team> team|<company>'s
      plans|the challenges you're working on}{, especially <field>|}.
    - {Our conversation|The interview} {reinforced|confirmed} {my|how much I share your}
      {enthusiasm|excitement} for {the role|joining <company>}.
    - {I'm|I am} {confident|excited} that my {experience|background} in <field> {would|could}
      {help|contribute to} {the team|your goals}.
    - {Please let me know|Do let me know|Please don't hesitate to reach out} if {you need
      anything else from me|there's anything else I can provide}.
    - {I look forward|Looking forward} to hearing {from you|about next steps}.
""")

WITHDRAW_SUBJECTS = bank("""
    - {Withdrawing|Withdrawal of} my application{ – <role>|}
    - Re: <role> {interview|– next steps}
    - {Update from my side|An update} {– <role>|}
    - Re: {Interview invitation|Offer} {– <role>|}
""")

WITHDRAW_CORE = bank("""
    - {Thank you|Thanks} {so much|} for {the opportunity|considering me|the invitation} {to
      interview for|for} the <role> {role|position}.
    - {After|Following} {careful|much} {consideration|thought}, I have decided to withdraw my
      application{ for the <role> position|}.
    - {Unfortunately|Regrettably}, I {need|have} to {decline|respectfully decline} {the|your}
      {offer|invitation to interview}{, as I have accepted another position| because my
      circumstances have changed|}.
    - I {have|'ve} {accepted|signed} {an offer|another offer|a role elsewhere} {that|which}
      {aligns|fits} {more closely|better} with my {current goals|plans|situation}.
    - {I'm|I am} {sorry|sad} {to step back|to withdraw}{ at this stage| so late in the process|},
      {and|but} {I|I really} {appreciate|enjoyed} {the time|the conversations} {with|you and}
      the team.
    - {I hope we can stay in touch|I hope our paths cross again|I'd love to stay in touch} {in
      the future|down the line}.
""")

FOLLOWUP_SUBJECTS = bank("""
    - {Following up|Checking in} on my application{ for <role>|}
    - {Status|Update} {of|on} my application{ – <role>|}
    - Re: <role> {interview|application}
    - {Any update|Quick follow-up}{ on <role>|}?
""")

FOLLOWUP_CORE = bank("""
    - I {wanted to|just wanted to} {follow up|check in} on my application for the <role>
      {role|position}{ submitted on <date>|}.
    - {I hope|Hope} {you're doing well|all is well}. {I was wondering|I wondered} {whether|if}
      there {are|have been} any updates {on|regarding} {the role|the process|next steps}.
    - I {remain|am still} {very|really} {interested|excited} {in|about} the {opportunity|role}{
      and would love to contribute to the <team> team|}.
    - {Unfortunately|I know} {I missed|I might have missed} {your call|an email}{ —|,}
      {apologies|sorry} if so{!|.}
    - {If|Should} {it would help|you need anything}, {I'm happy to|I can} {send|share} {my
      portfolio|references|additional work samples}.
    - {Thank you|Thanks} {for your time|in advance} {and I look forward to hearing from you|}.
""")

FEEDBACK_SUBJECTS = bank("""
    - Re: <subject_quoted>
    - {Request for feedback|Feedback request}{ – <role>|}
    - Re: {Update on your application|Your application for <role>}
""")

FEEDBACK_CORE = bank("""
    - {Thank you|Thanks} for letting me know{, and for the time you and the team spent with
      me|}.
    - {I was|I'm} {disappointed|sorry} {to hear|by} the {news|decision}, {but|though} I
      {appreciate the update|appreciate your honesty|understand}.
    - {Would you be able|Would you be willing|Could you} to share {any|some} feedback {on|about} {my|the}
      {interview|application|case study}? {It would|That would} {really|} help me
      {improve|in future applications}.
    - {I would|I'd} {still|} {love|like} to {be considered|hear about} {for|any} {future|other}
      {openings|roles} {at <company>|on the team}.
    - {I hope we can|I'd like to} stay in touch{ — please keep me in mind|}.
""")

# --- out-of-office and other automatic replies ------------------------------------------

AUTO_SUBJECTS = bank("""
    - Automatic reply: <subject_quoted>
    - {Out of Office|Out of office|OOO}: <subject_quoted>
    - Auto{-|}reply: <subject_quoted>
    - {Abwesenheitsnotiz|Réponse automatique}: <subject_quoted>
    - Away until <return_date>
""")

AUTO_AWAY = bank("""
    - Thank you for your email. I am {currently|} out of the office {until <return_date>|with
      limited access to email} {and will respond as soon as possible on my return|}.
    - {I'm|I am} {on leave|on holiday|travelling|at a conference} {until <return_date>|this
      week} {and|—} {unfortunately|} {won't be able to|will not be able to} {reply|respond}
      {before then|until I'm back}.
    - {For urgent matters|If your matter is urgent}, please contact <colleague> at
      <colleague_email>.
    - {Your message|Your email} {has been received|was received}{ and will be answered|. We aim
      to reply} within <days> working days.
    - {Unfortunately|Regrettably} {I|the recruiting team} {cannot|can't} {reply|respond}
      {individually|personally} {during|over} {the holiday period|the summer break}.
""")

AUTO_GONE = bank("""
    - {I|Please note I} {no longer work|am no longer working} at <company>. {Please|Kindly}
      {direct|send} {your|all} {enquiries|messages} to <colleague_email>.
    - {This mailbox is|This address is} no longer monitored; your message {has not been|will not
      be} {forwarded|read}.
    - {For|Regarding} {recruiting|hiring} {questions|matters}, {please|} contact <colleague> at
      <colleague_email>.
""")

# --- the same institutions as the academic, public-sector and non-native rejections -----

ACADEMIC_UPDATE_SUBJECTS = bank("""
    - {Your application|Application received} – <role>
    - <dept> search – {campus visit|next steps|update}
    - Invitation to interview: <role>
    - {Search|Faculty search} update{ – <role>|}
    - Re: <role>
""")

ACADEMIC_UPDATE_CORE = bank("""
    - On behalf of the search committee, thank you for your application for the position of
      <role> in the <dept> at <company>.
    - The committee {has begun|will begin} {reviewing|its review of} applications {on <date>|next
      month} and {expects|hopes} to {contact shortlisted candidates|complete the first round}
      {by <date2>|in the coming weeks}.
    - I am pleased to {invite you|let you know that you have been selected} for a {campus
      visit|first-round video interview|conference interview} {for the <role> position|with the
      committee}.
    - {Among|Of} the {many|strong} applications we received, yours {stood out|was selected for
      further review}, and the committee would like to learn more about your
      {research|teaching}.
    - {Your file|Your dossier} is {missing|still missing} {one letter of reference|your teaching
      statement}; {please|kindly} {ask your referees to upload it|upload it} {by <date>|before
      the deadline}.
    - The search has been delayed {because of|due to} {a committee member's leave|the university
      calendar}, {but|and} {your application remains under consideration|we will be in touch
      soon}.
    - We would be grateful if you could {send|provide} {a writing sample|two recent
      publications|your teaching evaluations} {by <date>|before the interview}.
    - Please let me know your availability for a {30-minute|one-hour} video conversation {on
      <weekday> or the following day|next week}.
""")

PUBLIC_UPDATE_SUBJECTS = bank("""
    - Application received – <role> (<vacancy>)
    - Notice of Results – <role>
    - Interview invitation – vacancy <vacancy>
    - {Your application status|Application status}: {Referred|Under review|Qualified}
    - Vacancy <vacancy> – {next steps|update}
""")

PUBLIC_UPDATE_CORE = bank("""
    - Thank you for applying for <role>, {Vacancy Announcement|Job Posting} {Number|No.}
      <vacancy>, with the <company>.
    - Your application has been received and will be {reviewed|assessed} against the {minimum
      qualifications|selection criteria} {after the closing date|once the vacancy closes}.
    - You were found {qualified|eligible}, and your name has been referred to the selecting
      official {for further consideration|for interview}.
    - The selection panel would like to invite you to {an interview|a structured interview|a
      written assessment} {on <date>|on <weekday>} at <time>.
    - Please bring {proof of identity|your original certificates} and arrive 15 minutes before
      {your|the} {appointment|interview}.
    - {Applicants|Candidates} who {are not selected|do not progress} will be notified {in
      writing|by email} {once the selection process is complete|after the panel has met}.
    - {The selection process|Selection} {may take|is expected to take} {several weeks|up to two
      months}; we appreciate your patience.
    - {If you have questions|For questions} about the {process|vacancy}, contact the {Human
      Resources Office|recruitment team} at <hr_email>.
    - You may {view|check} other {vacancies|open vacancies} {on|via} our careers portal{ at any
      time|}.
""")

NONNATIVE_UPDATE_SUBJECTS = bank("""
    - Your candidature – <role>
    - Confirmation of your application
    - Invitation to the interview – <role>
    - Selection process <role>
""")

NONNATIVE_UPDATE_ACK = bank("""
    - We thank you for the interest shown in our company and we confirm the reception of your
      candidature for the post of <role>.
    - Your CV is now in evaluation by our selection team and we will contact you in case your
      profile corresponds to our requirements.
    - Your CV will be kept in our database for the duration of the selection process.
    - We will not fail to inform you about the result in the next {days|weeks}.
""")

NONNATIVE_UPDATE_INVITE = bank("""
    - We are pleased to inform you that your candidature has been retained for the next phase of
      the selection process.
    - We would like to invite you to a {technical|personal} interview {at our office in
      <city>|by video call} the <date> at <time>.
    - Please confirm your presence responding to this email{ and send us a copy of your
      diploma|}.
    - In case you cannot assist to the interview, we kindly ask you to inform us with
      anticipation.
    - Please {send|bring} a copy of your {highest qualification|professional qualification}
      {before|for} the interview.
""")

NONNATIVE_UPDATE_COMMON = bank("""
    - {We remain|We stay} at your disposal for any question.
    - Kindly note that your data will be treated according to the data protection law.
""")
