"""Phrase banks for rejection letters and "position closed" notices.

A letter is assembled from independently chosen parts (greeting, opener, decision,
reason, door-open sentence, feedback stance, well-wishes, sign-off, signature), and
every part below mixes sentence-level paraphrase with ``{a|b}`` word-level choice
(syntax in :mod:`rejoinder.classifier.corpus.spin`).

Stage discipline: ``*_APPLICATION`` parts only ever refer to the application or CV,
``*_INTERVIEW`` parts always refer to a conversation, interview or assessment, and
``*_UNKNOWN``/``*_ANY`` parts mention neither, so the stage label stays truthful
whatever combination is drawn.

Slots: <first> <cand_last> (the applicant), <company>, <role>, <contact>,
<contact_full>, <interviewer>, <weekday>, <field>, <count>, <months>, <req>, <team>,
<small>, <client>, <agency>, <dept>, <vacancy>.
"""

from __future__ import annotations

from rejoinder.classifier.corpus.spin import bank

GREETINGS = bank("""
    - Dear <first>,
    - Hi <first>,
    - Hello <first>,
    - Dear <first> <cand_last>,
    - Hi <first>,
    - Hello <first> <cand_last>,
    - Good {morning|afternoon} <first>,
    - <first>,
    - Hi <first> —
    - Dear <first>,
    - Hey <first>,
    - Greetings <first>,
""")

GREETINGS_GENERIC = bank("""
    - Dear Candidate,
    - Dear Applicant,
    - Hello,
    - Hi there,
    - Dear {candidate|applicant},
    - Greetings,
""")

OPEN_APPLICATION = bank("""
    - Thank you for {applying|your application} {to|for} the <role> {position|role|opening}
      {at <company>|with us|}.
    - Thanks for {applying to|your interest in joining} <company> and for {submitting|sending
      over|sharing} your application for <role>.
    - Thank you for {taking the time to apply|the time you put into your application} for
      {the|our} <role> {role|position|vacancy}.
    - We {appreciate|are grateful for|genuinely appreciate} your interest in <company> and the
      {time|effort} you {invested|put} into {applying|your application}.
    - We have {now|} {completed our review of|reviewed} your application for the <role>
      {position|role}{ at <company>|}.
    - Our {recruiting|hiring|talent} team has {carefully|} reviewed your {application|resume|CV|
      profile and application} for <role>.
    - I'm writing {to follow up|with an update} on your application for <role>{ at <company>|}.
    - Thank you for considering <company> {as the next step in your career|for your next
      role|as a potential employer} and for {applying|submitting your application}.
    - Thanks {so much|a lot|} for {putting yourself forward|raising your hand} for the <role>
      {role|opening} — we {really|} appreciate {the application|you applying}.
    - We {wanted to|would like to} {thank you|say thanks} for {applying|submitting an
      application} {for|to} <role>{ (<req>)|}.
    - It was {great|a pleasure} to {receive|read} your application for the <role>
      {role|position}, and we {appreciate|value} the {interest|enthusiasm} you have shown in
      <company>.
    - Thank you for sending us your {CV|resume|application materials|portfolio} for the <role>
      {role|position}.
    - Your application for <role> {has been|was} {received and|} reviewed by our {hiring
      team|recruitment team|hiring manager}.
    - We've {had a chance to|been able to} {review|look through|go through} your
      {application|resume|materials} for the <role> role{, and I wanted to get back to you
      personally|}.
    - {Many thanks|Thank you very much} for your {recent|} application {to <company>|for the
      post of <role>|for the <role> vacancy}.
    - Thank you for applying {to be|as} our {next|new} <role>{ at <company>|}.
    - We {received|have received} your application for the <role> {role|position} and have {now
      reviewed it|given it careful consideration|considered it carefully}.
    - {First of all|First}, thank you for {applying|your application} — we know {it takes
      time|applying takes real effort} to {put together|prepare} {an application|a CV and cover
      letter}.
    - {We apologise|Apologies|We're sorry} for the delay in {getting back to you|responding}
      {about|regarding} your application for <role>.
    - {We apologise|Apologies|We're sorry} for the delay in {getting back to you|responding}
      {about|regarding} your application for <role>.
    - Thanks for {your application|applying} {for|to} <role> {a few weeks ago|last
      month|recently}, and {apologies|sorry} for {the slow reply|taking a while to get back to
      you}.
    - Thank you for your time and {interest|the interest you have shown} in {<company>|the <role>
      {role|position}|joining the team}.
    - {We|The team} {appreciate|appreciated} the time you {took|invested} to apply{ for the <role>
      {role|position}|}, {and|so} {we|I} wanted to {follow up|let you know where things stand}
      {with you|personally}.
    - {I'm|I am} {following up|writing} {with|to} you {regarding|about} the <role> {role|position}
      {you applied for|you expressed interest in}{ with the team|}.
""")

OPEN_INTERVIEW = bank("""
    - Thank you for {sharing your availability|making yourself available} {so quickly|at short
      notice} and for {the conversations|your interviews} with the team.
    - Thank you for the time you took to {speak with us|meet the team|interview with us}
      {last week|on <weekday>|recently}{, and apologies that this update took a while|}.
    - Thank you for {taking|making} the time to {interview|meet|speak} with {us|our team|me|the
      team} {about|for} the <role> {position|role}{ last week| on <weekday>| earlier this
      week|}.
    - It was {a pleasure|great|really nice|lovely} {speaking|talking|chatting} with you
      {about|regarding} the <role> {role|opportunity}{ last week|| on <weekday>}.
    - Thank you for {coming in|visiting our office|joining us onsite|your visit} {for the final
      round|for your interviews|on <weekday>|to meet the team}.
    - Thanks {again|} for {the time you spent|all the time you invested} {with our
      panel|with the team|in our interview process|on the take-home assignment|on the
      technical assessment}.
    - We {really|truly|} enjoyed {getting to know you|learning about your background|meeting
      you} {during|over the course of} {the interview process|your interviews|our
      conversations|the last few weeks}.
    - Thank you for {completing|submitting} the {technical assessment|take-home exercise|case
      study|coding challenge|presentation} {and for|as well as} {your|the}
      {interviews|conversations} with <interviewer> and the team.
    - I {wanted to|want to} {thank you|say thank you} {personally|again|} for {the|your}
      {phone screen|first-round interview|call|video interview|conversation} {with me|with our
      team|} {about|for} the <role> {role|position}.
    - Thank you for interviewing for the <role> position{ at <company>|} and for your
      {patience|flexibility} {throughout the process|while we made our decision|as we worked
      through scheduling}.
    - {Thank you for|I appreciated} {the thoughtful conversation|your thoughtful answers|the
      energy you brought} {during|in} {your|the} {panel interview|final interview|onsite|
      interview with <interviewer>}.
    - Following {your|the} {recent|} {interview|conversations|final-round interviews} for the
      <role> {role|position}, I wanted to {update you|let you know where things stand|follow
      up}.
    - We {appreciate|valued} the {opportunity|chance} to {meet|speak} with you {and learn more
      about your experience|about your background in <field>|} {during the interview
      process|last week|}.
    - Thanks for {hopping on|joining} {a call|the call|a video call} with {me|us|<interviewer>}
      {last week|on <weekday>|recently} to talk about the <role> role.
    - Thank you for {your interest in <company> and for|} {meeting|interviewing} with
      {<interviewer>|our hiring manager|the hiring panel} {for|about} the <role> position.
    - Thanks for {making it through|sticking with us through} {several rounds of
      interviews|our {fairly|} long interview process|the interviews and the assignment}.
    - I {really|} appreciated {our|the} {chat|conversation|call} {on <weekday>|last week} and
      {the|your} {insights|perspective} on <field>.
    - {Thank you|Thanks} for {presenting to|meeting} the {search committee|panel|team} and for
      the {time|effort} you put into {preparing|the presentation|the case exercise}.
    - Thank you for your application {for|to} the <role> {role|position} and for {the time you
      spent interviewing with us|speaking with <interviewer>|meeting the team}.
    - {Thank you|Thanks} {again|} for applying{ to <company>| for the <role> role|} and for
      {your patience|all the time you gave us} {during|throughout} the interview process.
    - {We|I} {truly|really|} appreciated your application and {the|our} {conversations|interviews|
      calls} {over the past few weeks|last week|with the team}.
    - {Following|After} your {interview|conversation} with <interviewer>, {I|we} {wanted|want}
      to {update you on|follow up on} your application {for|to} the <role> {role|position}.
    - {It was|It's been} {a pleasure|great} {getting to know you|speaking with you} {during|over
      the course of} {the process|your application}.
""")

OPEN_UNKNOWN = bank("""
    - Thank you for your interest in {the <role> {position|role}|<company>|joining
      <company>|working with us}.
    - I'm {writing|reaching out|getting in touch} {regarding|about|with an update on}
      {your candidacy for|} the <role> {position|role|opportunity}.
    - We {appreciate|thank you for} your interest in <company>{ and the <role> position|}.
    - Thank you for {considering|your consideration of} {a career|a role|an opportunity}
      {with|at} <company>.
    - {This is|Here is} an update {regarding|on} {your candidacy for|} the <role>
      {role|position}{ at <company>|}.
    - Thanks for {your patience|bearing with us} {while|as} we {worked through|finalized}
      {our|the} {hiring decision|selection process|search} for <role>.
    - {Apologies|Sorry} if you {have been|were} waiting to hear from us about the <role>
      {role|position}{ — we know you haven't had an answer yet|}.
    - I {hope|trust} {you're doing well|this message finds you well|all is well}. I {have|wanted
      to share} an update {about|on} the <role> {role|search}.
    - {We are|I am} {contacting|writing to} you {about|concerning} the <role> {vacancy|post|role}
      {at <company>|}.
    - {Thank you|Thanks} for {your interest in|considering} {this opportunity|the <role>
      opening|a position on our <team> team}.
    - I {wanted to|'d like to} {follow up|get back to you} {about|on} the <role> {role|search}
      {as promised|with some news|}.
""")

DECIDE_ANY = bank("""
    - {Unfortunately|Regrettably|Sadly}, we {have decided|'ve decided} to {move forward|proceed|
      continue} with {other candidates|another candidate|a different candidate} {whose
      {experience|background|skills|qualifications} {more closely|better|more directly}
      {match|align with|fit} {our|the} {current|} {needs|requirements} {for this role|of the
      role|}|at this time|for this position}.
    - After careful consideration, we {will not be|won't be|are not} {moving
      forward|proceeding} with your <app>{ for this role| for the <role> position|}.
    - We regret to inform you that {we will not be|we are not} {proceeding|moving ahead} with
      your <app>{ at this time|}.
    - {I'm sorry to say|I'm afraid|Unfortunately} {that|} {we|the team} {won't be|will not be}
      {taking your <app> any further|moving forward with you for this role}.
    - {After much deliberation|After careful thought|Following careful consideration}, {the
      team has|we have|the hiring team has} {chosen|selected|decided to go with}
      {someone|a candidate|another applicant} whose {experience|profile|background} more closely
      {matches|aligns with} {what we need right now|the requirements of the role|our current
      priorities}.
    - This {isn't|is not} the right {match|fit} {at this time|right now|for this particular
      role}, {and we have decided|so we've decided|and we've chosen} {not to move forward|to
      pursue other candidates}.
    - {Unfortunately|Regrettably}, {your profile|your <app>} {was not retained|has not been
      retained} {for this position|for the next steps|}.
    - We are unable to offer you the {position|role}{ at this time|}.
    - We regret that we are unable to offer you {the|this} {position|role|opportunity}.
    - {While|Although} your {background is|experience is|skills are} {impressive|strong|clearly
      valuable}, {we have|the team has} decided not to {proceed|go} {further|} with your
      <app>.
    - We have {decided|made the decision} to {pursue|go with|focus on} {other|alternative}
      {candidates|applicants|profiles} {for this position|for the <role> role|}.
    - {It is|It's} with regret that {I|we} {must|have to} {let you know|tell you|inform you} that
      {you have not been|you were not} {selected|successful} {for this role|for the <role>
      position|on this occasion}.
    - On this occasion{,|} {you have been unsuccessful|we will not be taking your <app>
      further}.
    - The {position|role} {has been|was} {offered to|filled by|accepted by} {another
      candidate|an internal candidate|someone else}{, and we will therefore not be moving
      forward with your <app>|}.
    - We {have|'ve} {filled|decided to fill} the {role|position} {with an internal
      candidate|internally|from within the team}{, so we won't be moving forward with your
      <app>| and so won't be progressing your <app>|}.
    - {The|This} decision {wasn't|was not} {easy|an easy one}, but {we've|we have}
      {decided|chosen} to {go in|take} a different direction {for this role|with this hire|}.
    - {Unfortunately,|I'm sorry to tell you that} {we will not|we won't} be {extending|making}
      {you|} an offer {for this role|for the <role> position|at this time}.
    - {We've|We have} {decided|concluded} {that|} {we won't be able to|we cannot} {offer
      you|move ahead with} {the role|the position|an offer}.
    - {Ultimately|In the end}, we {decided|chose} {to move forward with|to hire|to extend an
      offer to} {another|a different} candidate.
    - We {have|'ve} {decided not to|chosen not to} take your <app> {further|forward}.
    - {I|We} {have to|must} {share|let you know} {some|} {disappointing|difficult} news: {we've|we
      have} {decided|chosen} {to pass|not to proceed} {on this occasion|for now|}.
    - {I|We} {wanted to|} let you know {that|} we {will|'ll} be {passing on|not moving forward
      with} your <app> {for now|this time|}.
    - {We're|We are} {sorry|sad|disappointed} to {say|share} that {this time|on this occasion},
      {we|the team} {won't|will not} be {moving forward|proceeding} {together|with you}.
    - {We|I} {regret|am sorry} to {inform|tell} you that the {position|role} {has been|was}
      {offered to|accepted by} {another|a different} {applicant|candidate}.
    - Unfortunately, {this time|this round} {we|I} {won't|will not} be {able to offer|offering}
      you {a place|a spot|the role} {on the team|in the team|}.
    - {We|The team} {felt|concluded} that {other candidates were|another candidate was} a
      {stronger|better|closer} {fit|match} for {the role|what we need right now}.
    - {Unfortunately|Regrettably} we {have had to|had to} {make|reach} {a|the} difficult
      decision {not to|to not} {proceed|move forward} with your <app>.
    - {Please accept this email as|This email is} {notification|confirmation} that you have not
      been selected for the <role> {position|role}.
    - {Sadly|Unfortunately|Regretfully}, we {can't|cannot} {offer you the role|move forward with
      you|move forward with your <app>} {this time|at this point|right now}.
    - We {won't|will not} be {moving|progressing|advancing} you to the next {stage|step} {of the
      process|of our hiring process|}.
    - {The team has|We have} {chosen|decided} to {prioritise|prioritize} {candidates|profiles}
      {whose experience|who have more experience} {more closely matches|in <field> that
      matches} {the scope|the needs} of {the|this} role.
    - We {won't|will not} be {able to take|taking} things {further|forward} {at this time|for
      this position}{, I'm afraid|, unfortunately|}.
    - {I'm|I am} {sorry|disappointed} to {let you know|share} that {we've|we have} {gone|decided
      to go} with {another|a different} {candidate|person} for {this|the <role>} {role|position}.
    - Your <app> {will not|won't} {progress|move forward} {any further|} {on this occasion|
      for this vacancy|}.
    - {We|I} {regret|am sorry} to {say|inform you} that you {were not|have not been} {chosen|
      selected} {for this role|to continue in the process}.
    - {We|The hiring team} {decided|have decided} {that|} {your experience|your background}
      {isn't|is not} {quite|} the {match|fit} for {this|the <role>} {position|role} {right now|at
      this stage|}.
""")

DECIDE_ANY = DECIDE_ANY + bank("""
    - You are no longer {under consideration|being considered} for {this position|the <role>
      role|this opening}.
    - {It was|It has been} decided {not to proceed|that we will not proceed} with your <app>
      {on this occasion|for this role|}.
    - We have {now|} {concluded|completed} {our|the} search for {the <role>|<a_role>} and {have
      selected|appointed} {another candidate|a different candidate|someone else}.
    - {We are|We're} {pursuing|progressing} other {candidates|applicants} {at this time|for this
      role}{ and will not be taking your <app> forward|}.
    - {We have|The team has} identified {a candidate|another applicant} {who better
      matches|whose profile better fits} {the needs of the team|the requirements of this
      position}.
    - {Unfortunately|Regrettably}, we {were not able|weren't able} to {offer you a position|find
      a place for you on the team} {this time|on this occasion}.
    - {Unfortunately|Regrettably}, we {must|have to} decline your <app> {at this time|for this
      position|on this occasion}.
    - This {email|message} {confirms|is to confirm} that we {will not be|are not} {moving
      forward|proceeding} with your <app>{ for the <role> role|}.
    - We {won't|will not} be moving forward {this time around|on this one this time around}{,
      unfortunately|}.
    - We {will not|won't} be able to consider you {further|any further} for {this|the <role>}
      {role|vacancy}.
    - Your <app> {has been|was} {closed|declined} {for this requisition|in our system|}{, as we
      are moving ahead with other candidates|}.
""")

ATS_STATUS_LINES = bank("""
    - The status of your application for <role> has changed to: {Not selected|No longer under
      consideration|Declined|Closed}.
    - Application status: {Not selected|Unsuccessful|Closed – not selected}
    - {Your|This} application {(<req>)|} {has been|was} {marked as|moved to} "{not
      selected|unsuccessful|not progressing}".
""")

DECIDE_APPLICATION = bank("""
    - {After reviewing|Having reviewed|After careful review of} your {application|resume|CV|
      qualifications|materials}, {we have decided|we've decided|the team has decided} {not to
      move forward|not to invite you to interview|to pursue other candidates} {at this time|for
      this role|}.
    - {Unfortunately|Regrettably}, {we won't|we will not} be {inviting you|moving you forward} to
      {interview|the interview stage|a first-round interview|a phone screen}.
    - Your application {was|has} not {been|} {selected|shortlisted|progressed} {for
      interview|for the interview stage|for further review}.
    - We {received|had} {a large number of|an exceptional number of|over <count>} applications
      {for this role|for the position|}, and {unfortunately|regrettably} {yours was not among
      those selected|we will not be progressing yours} {for interview|to the next stage}.
    - {Based on|After} {a review of|reviewing} your {resume|application} {against|alongside} the
      {requirements of the role|job requirements|other applications}, we {have decided|'ve
      decided} {not to proceed|to pursue candidates whose experience more closely matches the
      role}.
    - {Your|The} {application|resume} {was|has been} {reviewed|carefully reviewed} {by the
      hiring manager|by our recruiting team|}, {and|but} {unfortunately|regrettably} {we will
      not be moving it forward|it has not been selected for further consideration}.
    - We {won't be able to|can't} {offer you an interview|schedule an interview|take your
      application to interview} {for this position|this time|}.
    - {At this stage|At this point}, {we have|we've} {decided|chosen} to {progress|proceed
      with} applicants whose {experience|skills} {more closely|more directly} {match|align
      with} the {job description|role requirements}.
    - {The|Our} {hiring|selection} team {reviewed|considered} {every|each} application
      {carefully|individually}, and {yours|your application} {will not be progressing|won't
      move forward} to the {interview stage|next stage}.
    - {Unfortunately|Regrettably} your {application|profile} {does not|doesn't} {meet|match}
      {all of|} the {requirements|criteria} {we are looking for|for this position} {at this
      time|}{, so we won't be moving forward|}.
    - Unfortunately, {we've|we have} {decided|chosen} not to {shortlist|progress} your
      application {for this vacancy|on this occasion|}.
    - {We regret to inform you that|Unfortunately,} your application {has not been
      successful|was unsuccessful} {this time|on this occasion|for this role}.
    - {After|Following} {an initial|a first} {screening|review} of {all|the} applications, {we
      will not be|we're not} {moving forward|proceeding} with yours.
    - You {were|are} not {among|one of} the {candidates|applicants} {selected|shortlisted|
      chosen} {for interview|for the first round|to be interviewed}.
    - {Unfortunately|I'm afraid}, we {will not be|aren't} {able to|} {progress|progressing}
      your application {to the next stage|to interview} {this time|}.
    - {Having|After} {compared|weighed} your application {with|against} {the|a} {very strong|
      large|competitive} {field|pool} of {applicants|candidates}, we {have|'ve} decided {not to
      take it further|to focus on other applicants}.
    - {Unfortunately|Regrettably}, you have not been shortlisted for {this position|the <role>
      role|interview}.
    - {Your|The} {skills and experience|background} {do not|don't} {closely|} match the
      {current|} requirements of {the role|this position}{, so we will not be taking your
      application further|}.
    - We {reviewed|looked closely at} your {CV|resume|portfolio} {and|but} {have|'ve}
      {decided|concluded} that {we won't|we will not} {be moving forward|invite you to the next
      stage} {at this point|for this role|}.
    - {Following|After} {a review of|reviewing} {all|the} applications, {the team|the hiring
      team|we} {decided|have decided} to {invite|progress} {another candidate|other candidates|a
      small number of candidates} whose {experience|background} {more closely|better} {matches|
      fits} the role.
    - {Unfortunately|Regrettably}, {the team|the hiring team} {felt|decided} {that|}
      {another candidate's|other candidates'} {experience|profiles} {was|were} {a closer|a better}
      match {with|for} the {requirements|role}, {so|and} {we won't|we will not} be {inviting you
      to interview|progressing your application}.
    - {The team|We} {reviewed|went through} {every|each} {application|CV} {with care|carefully}
      and {decided|have decided} to {move forward|continue} with {another candidate|candidates}
      {whose experience is|who are} {a closer|a more direct} {fit|match}.
""")

DECIDE_INTERVIEW = bank("""
    - {After|Following} {the|your|our} {interviews|final-round interviews|panel
      interview|onsite|conversations}, {we have|we've|the team has} {decided|chosen} to {move
      forward|proceed|go} with {another candidate|a different candidate|someone else}{ for the
      role|}.
    - {Unfortunately,|I'm sorry to say that} {we|the panel|the team} {won't be|will not be}
      {moving you forward|advancing you|inviting you} to the {next round|final round|onsite
      stage|next stage of interviews}.
    - {The panel|The interview panel|Everyone you met} {enjoyed|appreciated} {meeting|speaking
      with} you, {but|however} {we|they} {have decided|'ve decided} to {offer the role to|move
      forward with} {another candidate|a candidate whose experience is a closer match}.
    - {After|Having} {discussed|debriefed on} {all|the} {candidates|interviews} {as a team|with
      the hiring manager|}, we {have|'ve} decided {not to extend an offer|not to move forward
      with an offer|to pursue another candidate}.
    - It was a {close|tough|difficult} {decision|call}{ between you and one other candidate|,
      and we had several strong finalists|}, {but|and} {in the end|ultimately} we {went
      with|chose} {another candidate|someone whose experience is more closely aligned with the
      role}.
    - {We|I} {will not be|won't be} {offering you|extending} {the position|an offer}
      {following|after} {your|the} {interviews|final interview}.
    - {Based on|After reviewing} {the feedback from|} {your|the} {interviews|interview
      panel|assessment}, we {won't be moving forward|have decided not to move forward} {to the
      next stage|with your candidacy}.
    - {Unfortunately|Regrettably}, your {take-home|technical assessment|case study|coding
      exercise} {didn't|did not} {quite|} {meet the bar we need for this role|show the depth of
      <field> experience we're looking for}{, so we won't be progressing to the next round|}.
    - {Having|After having} {met|spoken with} {several|a number of} {strong|excellent|talented}
      candidates, {we've|we have} {offered the role|extended an offer} to {someone|a candidate}
      {whose background|whose experience|with a background that|with experience that}
      {aligns|fits} more closely with {our
      current needs|the team's priorities}.
    - {We|The hiring team} {met|interviewed} {many|several} {impressive|great|strong} people for
      this role, and {unfortunately|regrettably} {we won't be moving ahead with you|you were
      not selected for the next round}.
    - {After|Following} {your|the} {phone screen|first interview|initial call}, {we|the team}
      {have|'ve} decided {not to progress to a second interview|not to move forward to the
      technical round|that we won't be scheduling further interviews}.
    - {We|I} {really|} appreciated {the|our} {conversation|interviews}, {but|however} we've
      {decided|concluded} {that another candidate's experience is a better match|to move ahead
      with a candidate who has more <field> experience}.
    - {The|Our} {interviewers|panel} {felt|agreed} that {another|one} candidate {was|is} a
      {closer|stronger} {fit|match} for the {scope|level} of this role, so {we|I'm afraid we}
      {won't be extending an offer|will not be moving forward with you}.
    - After {a lot of|much} {discussion|debate} {following|after} {the final round|your
      onsite|the panel interviews}, {the team|we} {decided|chose} to {offer the position
      to|hire} another candidate.
    - You {were|made it} {one of|among} {our|the} {final|last} {two|three|few} candidates, {and|
      but} {ultimately|in the end} we {went|decided to go} with someone {else|whose experience
      in <field> was a closer match}.
    - {After|Following} {your interviews|the interview stage|the final round}, {we have|we've}
      decided not to {progress|take forward|proceed with} your application{ any further|}.
    - {Unfortunately|Regrettably}, your application {will not|won't} {proceed|move} to the
      {next|final} {round|stage} {after|following} {the interviews|your interview}.
    - {We|The hiring team} {reviewed|discussed} your application {together with|alongside} the
      {interview feedback|feedback from the panel} and {decided|have decided} not to {offer you
      the role|move forward}.
""")

REASONS = bank("""
    - {This|The} decision {was not|wasn't} {easy|an easy one|taken lightly}{, as we received
      many strong applications| given the quality of candidates|}.
    - We {received|had} {an overwhelming|an unusually high|a very high} {number|volume} of
      {applications|qualified applicants} {for this role|this cycle|}, {which made the
      selection process|making this} {very|extremely|} {competitive|difficult}.
    - {Please know|Please understand} that {this|our decision} {is not|isn't} a reflection of
      your {abilities|talent|potential|skills}.
    - {We were|The team was} {impressed|encouraged} by your {experience|background|enthusiasm}
      {in <field>|}, {and|but} {ultimately|in the end} {the decision came down to|we had to
      prioritise} {a few specific|particular} {requirements|skills} {for this role|}.
    - {The role|This position} {requires|called for} {more|deeper} {hands-on|direct} experience
      {with|in} <field> {than we were able to see|than your background currently shows}.
    - We were {specifically|particularly} looking for {someone|candidates} with {more|}
      {senior|leadership|domain} experience {in <field>|in our industry|}.
    - {Competition|The competition} {for this role|for this opening} {was|has been}
      {strong|fierce|intense}, {and|so} we {had to make|made} {some|a few} {tough|difficult|hard}
      {choices|calls}.
    - You {have|bring} {a strong|an impressive|an interesting} {background|skill set|track
      record}, {but|and} {we felt|the team felt} {another candidate's|other candidates'}
      {experience|profiles} {matched|aligned} more closely {with what we need|with the scope of
      the role}.
    - {Our|The} {needs|requirements} for this {role|position} {shifted|changed|evolved}
      {during|over the course of} {the search|the process}, {and|so} we {focused|are focusing}
      on {a different profile|candidates with a slightly different background}.
    - {We know|We understand|I know} {this isn't|this is not} the {news|outcome} you were
      {hoping for|hoping to hear}{, and we're grateful for your interest|}.
    - {In the end|Ultimately}, {it came down to|we prioritised} {specific|direct} experience
      {in <field>|with <field>} {that|which} {is|was} {critical|essential} for the team {right
      now|in the first few months}.
    - We were pleased to {receive|see} so many {strong|high-quality} applications, {which|and
      that} made {the decision|our choice} {harder|very difficult}.
    - We {received|had} {more applications than expected|far more applications than we
      expected} for {this role|a limited number of openings}{, and the bar was high|}.
    - {We|The team} {only have|have} a limited number of {openings|positions} {this year|on the
      team}, {and|so} we {had to|needed to} {prioritise|make choices}.
    - {Many|Lots of} {excellent|very capable|talented} people applied, and {we can only|there is
      only room to} {hire one|fill one position|move a handful forward}.
    - {The|This} {process|search} {was|has been} {very|extremely|unusually} competitive{ this
      year| this time|}.
    - {Please don't take this|Please don't read this|Don't take this} as a {judgement|verdict} on your
      {ability|skills|potential}: {it was|it's} {about|a question of} {fit|timing|the specific
      mix of skills the team needs}.
""")

PRAISE_INTERVIEW = bank("""
    - {We|The team} {really|} {enjoyed|appreciated} {your|the} {questions|energy|thoughtfulness|
      curiosity} {you brought to|throughout|during} {the process|the interviews|your
      conversations with us}.
    - {<interviewer> mentioned how much they|<interviewer> and I both|Everyone on the panel}
      enjoyed {your presentation|your walkthrough of the case study|the conversation about
      <field>}.
    - {Your|The} {portfolio review|case study|presentation|system design discussion} {was|stood
      out as} {impressive|thoughtful|really well prepared}, {and|but} {it was|this was} a
      {very|} {close|difficult} decision.
    - {You|Your answers} {clearly|} {showed|demonstrated} {a lot of|real} {depth|experience} in
      <field>, and {the panel|we} {appreciated|noticed} {that|it}.
    - {I|We} {could|can} {tell|see} {how|that} {much|} {you had prepared|you care about the
      work|thought you put into the exercise}{, and that did not go unnoticed|}.
""")

DOOR_OPEN = bank("""
    - We {will|'ll} keep your {resume|CV|details|profile} on file {and|and will} {reach out|be
      in touch|contact you} if {a|another} {suitable|relevant|matching} {role|opportunity|
      position} {opens up|becomes available|comes up}.
    - {We|I} {encourage|would encourage|invite} you to {apply|keep an eye on our careers page and
      apply} for {future|other} {openings|roles|positions} {at <company>|with us|that match
      your experience}.
    - {Please|Do} feel free to {apply again|reapply|get in touch} {in the future|when you see a
      role that fits|if something else catches your eye}.
    - {I'd|We'd} {love|be happy|be glad} to {stay in touch|keep in touch|stay connected}{, and I
      hope our paths cross again|}.
    - {We|I} {hope|would love} {you'll|you will} {consider <company> again|apply again} {in the
      future|down the road|when the timing is right}.
    - Your {details|profile} {will remain|remain} in our {talent pool|candidate
      database|system} {for <months> months|for future consideration|}, {and|so} {we may
      contact you|our recruiters can reach out} {about|regarding} {future|upcoming}
      {opportunities|openings}.
    - {If|When} {anything|a role} {that better matches your experience|more suited to your
      background} {comes up|opens}, {I'll|I will|we'll} {make sure to|} {reach out|let you
      know}.
    - {Feel free to|Please} {connect with me|follow us} on LinkedIn {to stay|and stay} {up to
      date|informed} {on|about} {new openings|future roles}.
    - {Our|The} <team> team {is|will be} {growing|hiring again} {later this year|next
      year|soon}, and {I'd|we'd} {be glad|love} to {hear from you|talk again} {then|at that
      point}.
    - {This|Our decision} {doesn't|does not} {close the door|rule you out} {for|on} {future
      roles|other opportunities} {at <company>|with us}.
    - {Please|Do} {keep|stay} in touch{ — we'd be happy to hear from you again|}.
    - {We'd|We would} {welcome|be happy to receive} {a future application|another application}
      from you.
    - {You can|Feel free to} {view|browse} {our|other} {open roles|current openings} {at|on}
      <careers_link>.
    - {Join|Sign up for} our talent community{ at <careers_link>|} to {hear about|be notified
      of} {new roles|future openings}.
    - We'll keep your {application|details} on file until <date>{ and may reach out about
      similar positions|}.
""")

# Extra paragraphs that make a long, formal letter; each stands on its own.
LONG_EXTRAS = bank("""
    - {At|Here at} <company>, we {take great care|try hard} to {treat every applicant
      fairly|give every application the attention it deserves}, and {each|every} {application|
      profile} {was|is} {read|reviewed} by {at least two people|a member of the hiring team}.
    - {Our|This} {search|process} {attracted|drew} {a very strong|an exceptionally
      talented|a large and diverse} {field|pool} of {candidates|applicants}{ from across
      <city> and beyond| from many backgrounds|}, and {narrowing it down|choosing between
      them} {was|has been} {genuinely|} {difficult|hard}.
    - In line with our privacy {policy|notice}, we will {retain|keep} your {details|personal
      data} for <months> months{ so that we can contact you about similar roles|}. {If you
      would prefer|Should you prefer} {that we delete them sooner|us to remove them}, {simply|
      just} reply to this {email|message}.
    - {If you have any questions|Should you have questions} about {this decision|the process},
      {please|} {don't hesitate to|feel free to} {reach out|contact me|get in touch}{ directly|}.
    - {We know|We recognise} {how much|that a lot of} {time and energy|effort} {goes into|it
      takes to put together} {an application|a job search}, and we {are|'re} {grateful|
      thankful} {that you chose to spend some of it|you spent some of it} on us.
    - {Hiring|Recruitment} decisions {at <company>|here} {are made|come down to} {a combination
      of|many} factors, {including|such as} {team composition|the team's current mix of
      skills}, {timing|budget} and {the specific needs of the role|priorities for the year
      ahead}.
    - {We are|Our <team> team is} {growing|expanding} {steadily|this year}, and {new|further}
      {roles|opportunities} {are posted|appear} {regularly|every few weeks} on our careers
      {page|site}.
""")

FEEDBACK_OFFER = bank("""
    - {If you'd like|Should you wish to receive} {feedback|some feedback} on your
      {interviews|candidacy}, {just|please} {reply to this email|let me know} and {I'll|I
      will} {set up|arrange} {a short call|a quick call|some time}.
    - {I'm|I am} {happy|glad} to {share|pass on} {some|} feedback from the {team|panel} if {that
      would be|you think it would be} helpful.
    - If {it's|it would be} {useful|helpful}, {I can|I'd be glad to} {walk you through|share}
      {the|some of the} {panel's|team's} {feedback|notes} {over a short call|by email}.
    - {Feel free|Please feel free} to {reach out|reply} if you {would like|want} {to hear|some}
      {more detail|feedback} on {our decision|how you came across}.
""")

FEEDBACK_DECLINE = bank("""
    - {Due to|Because of|Given} the {high|large} {volume|number} of applications {we
      receive|we received}, {we are|we're} {unable|not able} to {provide|offer|give}
      {individual|personalised|detailed} feedback{ at this stage|}.
    - {Unfortunately|Regrettably}, {we|our team} {can't|cannot|are unable to} {provide|share}
      feedback {on individual applications|at this stage of the process|}.
    - {Please note that|Note that} {we do not|we don't|our recruiting team does not} {provide|offer}
      {feedback|individual responses} {on|for} {unsuccessful|} applications.
    - {As|Since} {we|our team} {receive|received} {so many|hundreds of} applications, {we're|we
      are} {not able|unable} to {respond|give feedback} to each {candidate|applicant}
      individually.
""")

WELL_WISHES = bank("""
    - {We|I} wish you {the very best|all the best|every success|the best of luck} {in your job
      search|with your search|in your future endeavors|in your career|with your next step}.
    - {Thank you|Thanks} {again|once more|} for {your interest in <company>|your time|the time
      you invested|considering us|your interest in the role}.
    - {Best of luck|Good luck} {with everything|in your search|going forward|with what comes
      next}!
    - {We|I} {hope|am sure} {you'll|you will} find {a role|a position|an opportunity|the right
      role} {that's a great fit|that suits you|that matches your goals} {soon|very soon|}.
    - {Thanks|Thank you} {so much|} for {being so patient|your patience} {throughout the
      process|with us}.
    - {We|I} {appreciate|are grateful for} your {interest in|enthusiasm for} {<company>|our
      team|the role} {and wish you well|}.
    - {Wishing you|We wish you} {success|the best} {in your|with your} {career|next
      steps|professional journey}.
    - {Take care|All the best}, and {good luck|best of luck} {with the search|out there}.
    - {Good luck|Best of luck|All the best} with your {future plans|plans for the year ahead|next
      move}.
    - We {wanted to|'d like to} let you know {before the weekend|before the end of the
      week|as soon as possible} so {that|} you can plan {ahead|accordingly}.
    - {Everyone|All of us} {on|in} the <company> {team|hiring team} {wishes you|sends you our}
      {the very best|best wishes} {for the future|in your search}.
    - {I'm|We're} {confident|sure} {you'll|you will} {land|find} {something|the right role}
      {great|soon}.
""")

SIGNOFFS = bank("""
    - Best regards,
    - Kind regards,
    - Regards,
    - Sincerely,
    - Best wishes,
    - Warm regards,
    - All the best,
    - Best,
    - Thanks,
    - Thank you,
    - Cheers,
    - Many thanks,
    - With best regards,
    - Warmly,
    - Respectfully,
    - Yours sincerely,
    - Take care,
    - Thanks again,
    - Warm wishes,
    - Kindest regards,
""")

CONTACT_TITLES = bank("""
    - Recruiter
    - Senior Technical Recruiter
    - Talent Acquisition Partner
    - Talent Partner
    - HR Business Partner
    - Hiring Manager, <team>
    - Engineering Manager, <team>
    - Head of People
    - Recruiting Coordinator
    - People Operations Manager
    - Director of <team>
    - Talent Acquisition Specialist
    - Lead Recruiter, <team>
    - Senior Talent Acquisition Manager
    - HR Manager
    - Recruitment Consultant
    - VP of <team>
""")

TEAM_SIGNATURES = bank("""
    - The <company> Recruiting Team
    - <company> Talent Acquisition
    - The Talent Acquisition Team
    - Recruiting Team
    - The Hiring Team at <company>
    - <company> People Team
    - Human Resources
    - <company> Careers
    - The <company> Team
    - Talent Team
    - People & Culture, <company>
    - Recruitment Team
""")

SUBJECTS_APPLICATION = bank("""
    - Your application for <role>
    - Your application to <company>
    - Update on your application
    - Regarding your application for <role> {(<req>)|}
    - <company> | <role>
    - {Application status|Application update}{ –| -|:} <role>
    - <role> {at|-|–} <company>
    - Thank you for applying to <company>
    - Your <company> application
    - {An update|Update} {on|regarding} {your|the} <role> application
    - <role> application {(<req>)|}
    - Important information about your application
    - Re: Application for <role>
    - Your candidacy at <company>
    - Following up on your application
""")

SUBJECTS_INTERVIEW = bank("""
    - {Update on|Following up on} your interview{s|} {for <role>|with <company>|}
    - <role> {interview|interviews} {– update|follow-up|}
    - Re: <role> {– next steps|interview|final round|}
    - Thank you for interviewing with <company>
    - Re: {Interview|Onsite|Final interview} {with|at} <company>
    - {Our|The} decision {on|regarding} the <role> {role|position}
    - <company> {– <role>|interview follow-up}
    - Following up from {our|last week's} {conversation|call}
    - Re: {Take-home|Technical assessment} {for <role>|}
    - Your interview process at <company>
    - Re: Thanks {for your time|for today}!
    - {Your|Update on your} application{ for <role>| – <role>|}
    - {Application|Candidacy} update{ – <role>| from <company>|}
""")

SUBJECTS_UNKNOWN = bank("""
    - <role>
    - <role> – Update
    - Re: <role>
    - Update from <company>
    - {Your|Regarding your} candidacy
    - <company> {role|opportunity|position}
    - {A quick|An} update {from|on} <company>
    - Re: <role> {opportunity|position} at <company>
    - {Our|The} <role> {search|position}
    - Following up
""")

ATS_FOOTERS = bank("""
    - This is an automated message. Please do not reply to this email.
    - Please do not reply directly to this email, as this mailbox is not monitored.
    - You are receiving this email because you applied for a position at <company>.
    - To update your candidate profile or withdraw your data, log in to our careers site.
    - {This|The} inbox {is not monitored|cannot receive replies}. {For questions, visit the
      candidate portal.|}
    - {Your|All} {personal|} data is processed in accordance with the <company> candidate
      privacy notice.
    - Sent via <vendor> on behalf of <company>.
    - © <year> <company>. All rights reserved.
    - {View|See} other {open roles|openings} at <company>: <careers_link>
    - Join our talent community to hear about new roles: <careers_link>
    - {Privacy notice|How we use your data}: <careers_link>
    - No {further|} action is {needed|required} on your part.
""")

# ---------------------------------------------------------------------------------------
# Startup founder: first person, informal, short.
# ---------------------------------------------------------------------------------------

FOUNDER_OPEN_INTERVIEW = bank("""
    - {Thanks|Thank you} {so much|again|} for {the chat|the call|your time} {on <weekday>|last
      week|the other day} and for {doing|working through} the {take-home|little project|paired
      session}.
    - {Really|Genuinely} enjoyed {our conversation|meeting you|talking <field> with you} {last
      week|on <weekday>|the other day}.
    - {Thanks|Thank you} for {coming by the office|swinging by|grabbing coffee with
      <interviewer> and me} {last week|on <weekday>}{ — the team liked meeting you|}.
    - {Appreciate|I appreciate} you {taking the time|spending a few hours} {to talk with
      us|with the team|on our interview loop}.
""")

FOUNDER_OPEN_APPLICATION = bank("""
    - {Thanks|Thank you} for {reaching out|applying|sending your CV over} about the <role>
      {role|opening|position}.
    - {Appreciate|I appreciate} you {applying|throwing your hat in the ring} for <role> at
      <company>.
    - {Thanks|Thank you} for {your note|your application} {and the|and your} {portfolio|resume
      link|cover letter}{ — I read it myself|}.
""")

FOUNDER_DECIDE = bank("""
    - {I|We} {wanted to|want to} close the loop {on|about} the <role> {role|position|opening}:
      {we've|we have} decided to go {with someone else|in another direction|in a different
      direction}.
    - {Long story short|Bottom line}, {we're|we are} {not going to|not able to} {move
      forward|make an offer} {this time|right now}.
    - {Honestly|Truthfully|To be honest}, it was a {really|} {tough|hard} call{ —|,} {we|I}
      {just|} {need|needed} someone {with|who has} {more|deeper} {experience in <field>|
      hands-on <field> experience|early-stage experience} {right now|at this stage}.
    - We've {decided|chosen} to {hold off|pass} {for now|on this one}, {mostly|mainly} because
      {we need|we're looking for} {someone more senior|someone who can hit the ground running on
      <field>}.
    - {We're|We are} {a small|a tiny|an early-stage} team{ (just <small> of us)|} {and|so}
      {every hire|each hire} {matters a lot|is a big bet}, {and|which is why} we {decided to go
      with|ended up choosing} {another candidate|someone else} {for this one|this time}.
    - {I'm|I am} {bummed|sorry|sad} to {say|tell you} {we're|we are} {going to pass|not moving
      forward} {for now|this time}.
    - {We|I} {ended up|wound up} {making an offer to|hiring} {someone|another candidate}
      {whose background is|with a background that's} {closer|a closer match} to {what we need right
      now|our current stage}.
    - {Unfortunately|Sadly}, {it's|it is} {a no|not a yes} from us {this time|for this role}{ —
      and I wanted you to hear it from me directly|}.
""")

FOUNDER_EXTRAS = bank("""
    - {I'd|I would} be {happy|glad} to {intro you|introduce you} to {a couple of|a few}
      {founders|friends} {who are hiring|in the space|I know}{ if that's helpful| if you'd
      like|}.
    - {If|When} we {raise|close} our next round {and|or} {start|begin} hiring {again|more
      broadly}, {I'd|I will} {love to|definitely} {reach out|circle back}.
    - {Happy|Glad} to {jump on a call|share more context} {if you want|if useful} {—|,}
      {just|} {reply here|let me know}.
    - {Seriously|Honestly}, {you'd|you would} be {a great addition|great} {on|for} {a lot
      of|many} teams{ —|,} {don't let this one|I hope this doesn't} {discourage you|get you
      down}.
""")

FOUNDER_SIGNOFFS = bank("""
    - Best,
    - Cheers,
    - Thanks,
    - All the best,
    - Talk soon,
    - Warmly,
    - —
    - Best of luck,
""")

FOUNDER_TITLES = bank("""
    - Co-founder & CEO, <company>
    - Founder, <company>
    - CTO & Co-founder
    - Co-founder
    - CEO
    - Founder & CEO
    - Head of Engineering, <company>
""")

# ---------------------------------------------------------------------------------------
# Academic search committees and principal investigators.
# ---------------------------------------------------------------------------------------

ACADEMIC_GREETINGS = bank("""
    - Dear Dr. <cand_last>,
    - Dear Dr <cand_last>,
    - Dear <first> <cand_last>,
    - Dear <first>,
    - Dear Applicant,
    - Dear Professor <cand_last>,
""")

ACADEMIC_OPEN_APPLICATION = bank("""
    - On behalf of the search committee, {thank you|I thank you} for your application for the
      position of <role> in the <dept> at <company>.
    - Thank you for your interest in the <role> position {in our department|in the <dept>} and
      for the {materials|application packet} you submitted.
    - {We are|I am} writing {to update you|with an update} on the search for {<a_role>|the <role>}
      {in the <dept>|at <company>}.
    - {Thank you for applying|We are grateful that you applied} for the <role> position
      advertised {this autumn|last fall|earlier this year}.
    - {Thank you for|We appreciate} your application to the {postdoctoral|research} position in
      {my|our} {group|lab}{ at <company>|}.
""")

ACADEMIC_OPEN_INTERVIEW = bank("""
    - Thank you for {visiting campus|your campus visit} and for {giving|presenting} {your job
      talk|your research seminar|a teaching demonstration} {to our department|in the <dept>}.
    - On behalf of the search committee, thank you for {your|the} {video interview|first-round
      interview|Zoom interview} for the <role> position.
    - {We|The committee} {very much|} enjoyed {meeting|speaking with} you {during|at} {the
      interview|your visit|the conference interviews} and learning about your research.
    - Thank you for {interviewing|speaking with me} about the {postdoctoral|research} position
      in {my|our} {group|lab} {last week|on <weekday>|}.
""")

ACADEMIC_DECIDE_APPLICATION = bank("""
    - We received {over|more than|nearly} <count> applications{, many from exceptionally
      well-qualified candidates|}. After careful review, the committee has selected a {short
      list|small number} of candidates for {interviews|campus visits}, and I regret to tell you
      that you are not among them.
    - {After|Following} {a thorough|a careful} review of {all|the} {applications|dossiers}, the
      committee {has decided|decided} not to {advance|include} your application {to the next
      stage|in the interview pool}.
    - {I regret to inform you|I am sorry to inform you} that your application {was not|has not
      been} {selected|shortlisted} for {further consideration|interview|the next round}.
    - The {applicant pool|pool} {was|has been} {exceptionally|extraordinarily|unusually} strong,
      and {unfortunately|regrettably} {we are unable to|we cannot} {move your application
      forward|invite you for an interview}.
    - {Unfortunately,|I'm sorry to say that} {I have|we have} {decided|chosen} to {offer the
      position to|proceed with} {another applicant|a candidate} whose {research
      interests|expertise} {align|aligns} more closely with the {project|group's current work}.
""")

ACADEMIC_DECIDE_INTERVIEW = bank("""
    - {After|Following} {the campus visits|the interviews|much deliberation}, the committee
      {has|} {offered the position to|recommended} another candidate, who has accepted.
    - {I regret to inform you|I'm sorry to tell you} that the {department|committee} has
      {decided|voted} to {extend an offer to|move forward with} another candidate {for the
      <role> position|}.
    - The search {has concluded|is now complete}, and {unfortunately|regrettably} {we will not
      be|we are not able to be} {making you an offer|offering you the position}.
    - {It was|This was} a {difficult|close} decision {among|between} {very strong|excellent}
      finalists, {but|and} {the committee|I} {decided|have decided} to {offer the role to|go
      with} {another candidate|someone else}.
""")

ACADEMIC_CLOSINGS = bank("""
    - {We|I} wish you {every success|the very best} in your {research and teaching|academic
      career|future work}.
    - {Thank you|Thanks} {again|} for your interest in {<company>|our department|the
      position}{, and for your patience during a long search|}.
    - I {hope|am confident} {you will|you'll} find {a position|a home} {that suits your
      research|where your work can flourish}{ soon|}.
    - {Please don't hesitate to|Please feel free to|Do feel free to} {apply again|get in touch
      about future openings} {in the department|in our group|}.
""")

ACADEMIC_TITLES = bank("""
    - Chair, <role_short> Search Committee
    - Chair, Search Committee
    - Professor and Chair, <dept>
    - Associate Professor, <dept>
    - Principal Investigator, <lab>
    - Head of Department
    - Search Committee Chair, <dept>
""")

ACADEMIC_SUBJECTS = bank("""
    - {Your application|Application} {–|-|:} <role>
    - <role> search
    - {Faculty|The} search in <dept>
    - {Postdoctoral|Research} position {in|–} <field>
    - Search committee {decision|update}
    - Re: <role>
    - <dept> {search|position} {update|outcome}
""")

# ---------------------------------------------------------------------------------------
# Government and public sector.
# ---------------------------------------------------------------------------------------

GOV_OPEN = bank("""
    - Thank you for applying for <role>, {Vacancy Announcement|Announcement|Job Posting|Reference}
      {Number|No.|} <vacancy>, with the <company>.
    - {This notice|This message} {is to inform you of|concerns} the {status|outcome} of your
      application for <role> (<vacancy>).
    - {We appreciate|The <company> appreciates} your interest in {public service|employment
      with the <company>} and your application for {the position of|} <role>.
    - {This email is regarding|Re:} your application for <role>{, reference <vacancy>|}.
""")

GOV_DECIDE_APPLICATION = bank("""
    - Your application was reviewed and you were found {qualified but not among the best
      qualified|to meet the minimum qualifications, but were not among the highest-ranked
      applicants}. {As a result|Therefore}, your name was not referred to the selecting
      official.
    - {Based on|After} {a review of|reviewing} your application {and supporting
      documents|}, {it was determined that|we determined that} you do not meet the {minimum|}
      qualification requirements {for this position|stated in the announcement}.
    - The selecting official has made a selection {for this vacancy|from the certificate}, and
      you were not selected.
    - {Following|After} the {shortlisting|sifting} {process|stage}, {I regret to advise|we
      regret to inform you} that you have not been {shortlisted|invited to interview} for this
      {post|position}.
    - You were {not referred|not among the candidates referred} for {interview|further
      consideration}. {This vacancy is now closed.|}
""")

GOV_DECIDE_INTERVIEW = bank("""
    - {Following|After} your interview with the {selection|hiring} panel {on <weekday>|},
      {I regret to advise|we regret to inform you} that you have not been {recommended for
      appointment|selected for the position}.
    - The panel {has|} {completed|concluded} its assessment {and|but} {unfortunately|} you {were
      not|have not been} {successful|the preferred candidate} {on this occasion|for this
      position}.
    - {After|Following} {the interviews|the structured interviews}, {another candidate|a
      different applicant} {has been|was} {offered|selected for} the position.
""")

GOV_CLOSINGS = bank("""
    - We encourage you to {continue to apply for|review} {positions|future vacancies} {that match
      your qualifications|with the <company>|on our careers portal}.
    - {Your name has been|You have been} placed on {an eligibility list|a merit list|a
      reserve list} for <months> months{ and may be considered for similar vacancies|}.
    - {If you have questions|For questions} about this {notice|decision}, {please|} contact the
      {Human Resources Office|recruitment team} {at|via} <hr_email>.
    - {Thank you|We thank you} for your interest in {serving|working for} the <company>.
    - {You may|Applicants may} request {feedback|a debrief} {within 10 working days|within two
      weeks} of {this notice|receiving this email}.
""")

GOV_SUBJECTS = bank("""
    - Notice of Results – <role>
    - Application status: <vacancy>
    - Vacancy <vacancy> – {Notification|Outcome}
    - Your application for <role>{, announcement <vacancy>|}
    - Recruitment outcome{ – <role>|}
    - {Outcome|Result} of {your application|selection process} {– <vacancy>|}
    - {Update|Notice} regarding <role> (<vacancy>)
""")

GOV_SIGNATURES = bank("""
    - Human Resources Office
    - Recruitment and Selection Unit
    - Talent Acquisition, Human Resources
    - Office of Human Resources
    - Staffing Services
""")

# ---------------------------------------------------------------------------------------
# Recruitment agencies writing on behalf of a client.
# ---------------------------------------------------------------------------------------

AGENCY_OPEN_APPLICATION = bank("""
    - {Thanks|Thank you} {again|} for letting me put you forward for the <role> {role|position}
      {with <client>|}.
    - {Quick|A quick} update on the <role> {role|opportunity} {with <client>|} I {sent your CV
      over for|submitted you for} {last week|recently}.
    - {I've|I have} {had|received} a response from <client> {on|about} the CV I {sent|submitted}
      for the <role> {role|vacancy}.
""")

AGENCY_OPEN_INTERVIEW = bank("""
    - {Following|After} your {interview|conversation|meeting} with <client> {on <weekday>|last
      week}, I {got|have} {their|some} feedback.
    - {Thanks|Thank you} for {interviewing|meeting} with <client> {on <weekday>|last week} for
      the <role> {role|position}{ — I know you put a lot into preparing|}.
    - {I've|I have} {just|} spoken {to|with} <client> {after|following} your {second|final|first}
      interview for <role>.
""")

AGENCY_OPEN_UNKNOWN = bank("""
    - {I've just|I have just|I've} heard back from <client> {about|regarding} the <role>
      {role|position}.
    - {I|We|Just} wanted to update you {on|regarding} the <role> {opportunity|role}{ with
      <client>|}.
""")

AGENCY_DECIDE = bank("""
    - {Unfortunately|I'm afraid}, {they've|my client has|the client has} decided {not to take
      things further|to proceed with other candidates|to go with another candidate}.
    - {My client|The client|The hiring manager} {has|} decided to {move forward with|proceed
      with} {candidates who have|someone with|a candidate who has} more {direct|hands-on} experience in
      <field>.
    - {Sadly|Unfortunately}, {it's|it is} {a no|not good news} {from|on} {their|the client's}
      side{ this time|}.
    - {They|The client} {were impressed by|liked} your background{, but| but} {they've|they
      have} {offered the role to|gone with} {an internal candidate|another candidate further
      along in the process|someone with more sector experience}.
    - {The client has|They have} {filled the position|made an offer to another candidate},
      {so|and} {unfortunately|} {this one|this role} {won't be going any further|is closed
      for you}.
""")

AGENCY_DECIDE_APPLICATION = bank("""
    - {They|The client} {won't be|will not be} {inviting you to interview|taking your CV
      forward to interview} {for this one|this time}.
    - {Unfortunately|Sadly}, {they|the hiring manager} {reviewed|looked at} your CV {and|but}
      decided not to {interview you|take it further} {on this occasion|for this role}.
""")

AGENCY_DECIDE_INTERVIEW = bank("""
    - {They|The client} {won't be|will not be} {progressing|moving} you to the {second
      interview|final round|next stage of interviews}.
    - {They|The panel} {really|} enjoyed {meeting|speaking with} you, {but|however} {they've|they
      have} {decided|chosen} to {offer the role to|go with} {another candidate|someone else}.
""")

AGENCY_EXTRAS = bank("""
    - {I know|I appreciate} {this isn't the news you were hoping for|it's disappointing}{,
      especially given the effort you put in|}.
    - {I'll|I will} keep you {in mind|front of mind} for {other|similar} roles — I {have|'ve
      got} {a few|a couple of} {similar|<field>} {positions|briefs} coming up {shortly|next
      month}.
    - {Happy|Glad} to {jump on a call|have a quick chat} {to talk through|about} {the
      feedback|next steps|what else is out there}.
    - {Their|The} feedback {was|is} {that|:} {they wanted|they were looking for} {someone|a
      candidate} with {more|stronger} <field> {experience|exposure}.
    - {Let's|We should} {catch up|speak} {this week|soon} {about|on} {your search|other
      opportunities}.
""")

AGENCY_TITLES = bank("""
    - Senior Consultant | <agency>
    - Recruitment Consultant, <agency>
    - Principal Consultant – <field>
    - Talent Partner | <agency>
    - Associate Director, <agency>
    - Account Manager
""")

AGENCY_SUBJECTS = bank("""
    - {Update|Feedback}: <role>{ – <client_name>|}
    - Re: <role> {role|opportunity|position}
    - <client_name> {feedback|update}
    - {Quick|An} update
    - {Your|Re: your} application {via <agency>|– <role>}
""")

# ---------------------------------------------------------------------------------------
# Very short notes: a line or two, often from a hiring manager's phone.
# ---------------------------------------------------------------------------------------

BRIEF_APPLICATION = bank("""
    - {Thanks|Thank you} for {applying|your application} {to|for} <role>. {We've|We have}
      decided not to move forward{ at this time|}.
    - {Just|Quick note to} let you know {we've|we have} filled the <role> role{ with another
      candidate|}. {Thanks for applying|Thanks for your application}.
    - {Not|It's not} a fit {this time|for this one}, {unfortunately|I'm afraid}. {Thanks|Thank
      you} for applying to <company>.
    - After {reviewing|looking at} your {CV|resume}, we {won't|will not} {be able to offer|be
      offering} you an interview. {Best|Kind regards|Thanks}.
    - {We|I} {read|went through} your application{ for <role>|} — {unfortunately|sadly} {it's|we
      are} not {a match|moving forward} {right now|this time}.
""")

BRIEF_INTERVIEW = bank("""
    - {Thanks for your time|Appreciate your time} {last week|on <weekday>}, <first> — we're going
      to pass on this one. {All the best|Good luck}.
    - {We've|We have} decided to go {another|a different} direction{ for the role|}.
      {Thanks|Thank you} for interviewing.
    - {Hi again|Following up} — {unfortunately|sadly} {the team|we} {decided|have decided} on
      another candidate. {Thanks for interviewing|Thanks for coming in}.
    - {Thanks|Thank you} for {the call|chatting with us}. {Unfortunately|Sadly} we {won't|will
      not} be {moving to the next round|scheduling a second interview}.
""")

BRIEF_UNKNOWN = bank("""
    - {Unfortunately|Sadly} {we won't|we will not} be moving forward with you for <role>.
      {Thanks for your interest|Thank you for your interest}.
    - {Sorry|Apologies}, <first> — {we're|we are} going with another candidate {for
      <role>|for this one}. {Best of luck|All the best}.
    - {Thank you|Thanks} for your interest in <company>. {We will not be|We're not} moving
      forward {with your candidacy|at this time}.
    - {Quick update|Update}: {the <role> role|this one} {went|has gone} to {another|a different}
      candidate. {Best|Good luck} with {the search|everything}.
""")

# ---------------------------------------------------------------------------------------
# Non-native English: calques and formulas common in translated HR templates.
# ---------------------------------------------------------------------------------------

NONNATIVE_OPEN_APPLICATION = bank("""
    - We thank you for the interest {shown|you have shown} {in|to} our company and for your
      application {to|for} the post of <role>.
    - {First of all|Firstly}, we {would like to|want to} thank you for {your|the} application
      {at|to} <company> {and|and for} the {time|trust} you {gave|have given} us.
    - {Referring to|Regarding|With reference to} your application for the {position|job} of
      <role>, {we inform you of the following|we would like to give you an answer}.
    - {We|The} <company> {team|recruitment team} {thanks|thank} you for {sending|the sending
      of} your CV {for|to} the {position|vacancy} <role>.
""")

NONNATIVE_OPEN_INTERVIEW = bank("""
    - Thank you {very much|} for the {interview|meeting} {we had|you had with us} {and for|and}
      the {interest|time} {shown|dedicated} {to|for} our company.
    - {We|We would like to} thank you for {your|the} {participation|presence} {in|at} the
      {interview|interviews} for the {position|post} of <role>.
    - {It was|It has been} a pleasure {to know you|to meet you} {during|in} the {interview|
      technical interview} {for|about} <role>.
""")

NONNATIVE_OPEN_UNKNOWN = bank("""
    - Thank you for {your participation|participating} in our selection process for the
      {position|vacancy} of <role>.
    - {We|The} <company> {team|recruitment team} {thanks|thank} you for your {candidature|
      interest} {for|to} <role>.
""")

NONNATIVE_DECIDE = bank("""
    - After {an attentive|a careful|a detailed} analysis of your profile, we are sorry to inform
      {you|} that your candidature has not been retained for the {continuation|next phase} of
      the recruitment process.
    - {Unfortunately|Regrettably} we must inform you that we have decided for another
      candidate{, whose profile corresponds better to our requirements|}.
    - We inform you that the selection process {has finished|is finished} and
      {unfortunately|sadly} you {were not|have not been} selected.
    - {In this occasion|At this occasion|This time} we {cannot|could not} {consider|continue
      with} your candidature, {since|as} {other candidates are more adequate|another profile
      fits better} {to|for} the {position|needs of the position}.
    - Your profile {was|has been} {evaluated|assessed} {positively|with interest}, {however|but}
      {we have chosen|the choice has fallen on} {another|a different} candidate {for this
      position|}.
""")

NONNATIVE_DECIDE_APPLICATION = bank("""
    - We regret to inform you that your profile has not been shortlisted for the further
      {process|rounds}.
    - {After|Following} the {study|evaluation} of your CV, we {inform|communicate} you that {we
      will not|we cannot} {invite|call} you {to|for} {an|the} interview.
""")

NONNATIVE_DECIDE_INTERVIEW = bank("""
    - {Sadly|Unfortunately}, after {the|your} {interview|interviews}, we have {taken the
      decision|decided} to {continue|go on} with {other|another} {candidates|candidate}.
    - {After|Following} the {interviews|final interview} {realised|made}, {the|our} {choice|
      selection} {was|has been} for {another|a different} {person|candidate}.
""")

NONNATIVE_EXTRAS = bank("""
    - Please do not understand this as a judgment of your qualification.
    - We will keep your CV in our database and will not fail to contact you if a position
      corresponding to your profile {becomes available|will open}.
    - {We|We do} wish you {full|much} success in your {professional research|job research|future
      career}.
    - {Kindly|Please} note that your data will be {kept|stored} for <months> months {according
      to|in accordance with} {the|} data protection {law|rules}.
    - {Do not hesitate|Don't hesitate} to {apply|candidate} {again|to our future offers} {on our
      website|}.
    - {We|We are} {remain|staying} at your {disposal|disposition} for {any|further}
      {question|information}.
""")

NONNATIVE_SIGNOFFS = bank("""
    - Best regards,
    - Kind regards,
    - With kind regards,
    - Yours faithfully,
    - Cordially,
    - Sincerely yours,
    - Best Regards,
    - With best regards from <city>,
""")

# ---------------------------------------------------------------------------------------
# Position closed: no decision was made about this applicant.
# ---------------------------------------------------------------------------------------

CLOSED_FILLED = bank("""
    - The <role> {position|role} {was|has been} filled {before|prior to} {we had the chance
      to|us being able to} review your application.
    - We {had|received} {far more|many more} applications than {expected|anticipated}, and the
      {role|position} {was|had already been} filled {before your application reached the
      hiring team|by the time we reached yours}.
    - {We are|We're} no longer {recruiting|hiring} for {this position|the <role> role} because
      {it has|the vacancy has} {already|} been filled, {so|and} your application {will not
      be|won't be} reviewed.
    - {Please note|We wanted to let you know} that the <role> {opening|vacancy} {has now
      closed|is now closed} {after|following} {a hire|an appointment} {from an earlier
      round|from a previous shortlist}, {before|ahead of} {reviewing|considering} {later|new}
      applications{ such as yours|}.
    - {The|This} vacancy {closed early|was closed early} {due to|because of} {a high volume of
      applications|an earlier appointment}, and {we were not able to|we could not} {consider|
      assess} {all applications|every application}{, including yours|}.
""")

CLOSED_CANCELLED = bank("""
    - {Unfortunately|I wanted to let you know that} the <role> {position|role|requisition}
      {has been|was} cancelled {due to|because of|following} {budget constraints|a change in
      business priorities|an internal restructuring|a reorganisation of the team}.
    - The {job posting|requisition|vacancy} {<req>|} {has been|was} {withdrawn|cancelled} {and|so}
      we are not {moving forward|proceeding} with {any|} candidates {at this time|for now}.
    - The hiring manager has {decided|made the decision} {not to fill the role|to leave the role
      unfilled} {this year|for now|after all}.
    - {Due to|Following} {a restructuring|changes in our organisation|a merger}, {the|this}
      {role|position} {no longer exists|has been eliminated|will not be filled}.
    - {We've|We have} {decided|had} to {close|cancel} the search for {<a_role>|our <role>} {entirely|
      altogether} {because|as} {the team's plans|our priorities} {have changed|changed}.
""")

CLOSED_ON_HOLD = bank("""
    - We {have|'ve} {decided|had} to {pause|put on hold|freeze} hiring for {this role|the <role>
      position} {for the time being|until further notice|until next quarter}.
    - Due to {an unexpected|a} {change|shift} in {headcount|budget|funding}, the <role>
      {opening|position} {is on hold|has been paused}.
    - {<company> has|We have} {introduced|announced} a {hiring freeze|temporary freeze on new
      hires}, {and|so} the <role> {search|process} {is|has been} {paused|suspended}.
    - {Because of|Due to} {budget|funding} {uncertainty|approval delays}, {we|the team} {can't|
      cannot} {continue|proceed with} {the process|interviews} for <role> {right now|at the moment}.
""")

CLOSED_NO_DECISION = bank("""
    - {This is|Please know this is} {not|in no way} a {decision|reflection} {about|on} your
      {application|candidacy|qualifications}; we {simply|} no longer have {an open|this}
      {role|position} to fill.
    - No decision has been made {on|about} your {application|candidacy}.
    - {We|I} {haven't|have not} {made any decision|formed a view} on your {application|profile}
      {, and this is purely about the position|}.
    - {To be clear|Just to be clear}, {this|the closure} {has nothing to do with|is not related
      to} your {application|background}.
""")

CLOSED_FUTURE = bank("""
    - If the {role|position|requisition} {reopens|is reopened|becomes available again},
      {we'd|we would} {be glad|be happy|love} to {reconsider|revisit} your application{ and will
      reach out|}.
    - {We|I} will {let you know|contact you} {if|as soon as} {hiring resumes|the search
      restarts|we reopen the position}.
    - {You are|You're} welcome to {apply|re-apply} {when|if} {the|a similar} {role|vacancy} is
      {posted|advertised} again.
    - {Your|The} application will {stay|remain} {on file|in our system} {so that|and} we {can|may}
      {pick it up|consider it} {if|when} {the role reopens|hiring restarts}.
""")

CLOSED_OPEN = bank("""
    - Thank you for {applying|your application} {to|for} the <role> {position|role|opening}{ at
      <company>|}.
    - {Thanks|Thank you} for your interest in {the <role> role|<company>|joining <company>}.
    - {We|I} {wanted to|would like to} {give you an update|update you} on the <role>
      {vacancy|position|opening} you applied for{ at <company>|}.
    - {We|I} {appreciate|are grateful for} {you applying|your application} {to|for} <role> and
      {want|wanted} to {be transparent|keep you informed} about {where things stand|a change}.
    - I'm {writing|reaching out} {to everyone who applied|to all applicants} for <role>{ at
      <company>|} {with an update|about a change to the process}.
""")

CLOSED_SUBJECTS = bank("""
    - Your application for <role>
    - Hiring update from <company>
    - <role> {opening|vacancy} update
    - {Important|An} update {about|on} the <role> {role|position}
    - {Update|Change} to the <role> {process|search}
""")

CLOSED_SUBJECTS_BY_KIND = {
    "filled": bank("""
        - <role> – {position|vacancy} filled
        - {The|Our} <role> {vacancy|role} {has closed|is now closed}
    """),
    "cancelled": bank("""
        - <role> – requisition {closed|cancelled}
        - {Position|Role} {cancelled|no longer available}
    """),
    "on_hold": bank("""
        - Update: <role> {position|role} on hold
        - {Hiring freeze|Hiring pause}{ – <role>|}
    """),
}
