"""Phrase banks for rejections whose wording is indirect.

Families (``build_more.py``):

* implied stage: the letter never says "interview", yet makes clear the applicant met
  people (time spent with the team, a visit, a panel, a phone screen, a case study), or
  speaks of the team and of praise while only the application was read;
* terse: one line, often with no greeting and no signature;
* candid: a recruiter's or hiring manager's personal note that explains the reason in
  plain words and gives advice, without the usual HR formulas, or "feedback" letters;
* placements: internships, traineeships, apprenticeships, freelance gigs, speculative
  letters and applicants who do not meet a requirement, sometimes with the decision
  buried under paragraphs of information.

As elsewhere, decision sentences are stage-neutral and the stage is carried by signal
sentences only.
"""

from __future__ import annotations

from rejoinder.classifier.corpus.spin import bank

# --- implied stage: signals -----------------------------------------------------------

IMPLIED_SIGNAL_INTERVIEW = bank("""
    - {Thank you|Thanks} {so much|very much|} for the time you spent with {us|our team|the
      team}{ over the last few weeks| recently| on <weekday>|}.
    - {After|Following} {our|your} {conversations|discussions|meetings} {with the team|with
      <interviewer>|over the past weeks}, {I|we} {wanted|want} to {give you|share} {an update|our
      decision|where we landed}.
    - {We|I} {really|} {appreciated|valued} {your visit to|the afternoon you spent at|your time
      at} our {office|offices|studio|lab|site}{ and meeting the team|}.
    - {Thank you|Thanks} for {coming to|joining us for} the {on-site day|onsite|panel|assessment
      centre|final stage}{ and for the energy you brought|}.
    - {Everyone you met|The people you met|The colleagues you spoke with} {spoke highly of
      you|enjoyed the time with you|appreciated your openness}.
    - {Thank you|Thanks} for {the phone screen|our screening call|the intro call|your call with
      <interviewer>}{ last week| on <weekday>|}.
    - {We|The team} {went through|looked at} {your case study|your take-home|the exercise you
      completed|your written assessment|your work sample} {together with|alongside} the {notes|
      impressions} from your {conversations|calls|meetings}.
    - {Having weighed|Weighing} your {interviews|interview performance|conversations with us}
      {alongside|together with} your {CV|resume|written application}, {we|the team} {have|now
      have} {an answer|a decision} for you.
    - It was {good|a real pleasure|lovely} to {host you|have you in|welcome you} {at|in} {our
      office|the studio|the lab|our workshop} {last week|on <weekday>|recently}.
    - {Thank you|Thanks} for {walking us through your past projects|presenting to the panel|
      showing us your portfolio in person|the demo you gave us}.
    - {I|We} {enjoyed|appreciated} {hearing|learning} about your {work|experience|projects}
      {when we spoke|during our call|in person|over video}.
    - {Thank you|Thanks} for {your patience|bearing with us} {between|across} the {rounds|stages|
      meetings}{ and for all the time you gave us|}.
    - {The|Our} {panel|hiring panel|selection panel} {met|sat down} {after|once} {your|the final}
      {session|conversation|round} to {compare notes|discuss the candidates}.
    - {Thank you|Thanks} for {meeting|speaking} with {<interviewer>|our founder|the hiring
      manager|two of our engineers|the department}{ and for your thoughtful questions|}.
    - {Getting to know you|Talking with you} {over several conversations|across the process|in
      the interviews} {was|has been} a {real|genuine|} pleasure.
    - {Thank you|Thanks} for {the trial shift|the trial day|the paid trial week|your day with
      the team}{ last week| on <weekday>|}.
""")

IMPLIED_LEAD_INTERVIEW = bank("""
    - {After|Following} {our|the} {conversations|meetings|calls} {with you|over the past
      weeks|}
    - {Having|After} {met|spoken} with {you|several candidates|everyone on the shortlist}
    - {After|Following} {your visit|the on-site day|the panel|the trial day}
    - {Once|After} {the interviewers|the panel|everyone you met} {had compared notes|had shared
      their impressions}
    - {After|Following} {the screening call|the phone screen|your call with <interviewer>}
    - {Having reviewed|After reviewing|Having discussed|After discussing} {your case study|the
      take-home|your presentation} {as a team|with the panel|}
""")

# The interviewing people themselves are the subject of the decision.
IMPLIED_DECIDE_INTERVIEW = bank("""
    - {The panel|The interview panel|Everyone who met you} {agreed|concluded|felt} that {another
      finalist|a different candidate|someone else} {was|would be} {the closer match|the stronger
      fit} for {this role|the team right now}.
    - {The interviewers|The hiring panel|The people you spoke with} {have|} decided {not to take
      things further|against progressing your candidacy|to stop here}{ for this role|}.
    - {The|Our} {panel|interviewers} {will not|won't} be {recommending you|putting you
      forward}{ for the next step| for an offer|}.
    - {Based on|From} {the interviews|your conversations with the team|the panel's
      impressions}, {we|the team} {won't|will not} {be continuing|continue} with your
      {candidacy|application}.
""")

# Application-stage signals that speak of the team, the pool and praise, but of no meeting.
IMPLIED_SIGNAL_APPLICATION = bank("""
    - {We|I} {received|had} {an unusually|an exceptionally|a remarkably|a very} {strong|deep|
      competitive} {field of applications|set of applications|response to the advert}{ for
      this role| this time|}.
    - {Thank you|Thanks} for {waiting|bearing with us} {while|as} {we|the team} {read|worked
      through} {every|each} {application|submission}{ one by one| for the <role> role|}.
    - Your {application|CV|profile} {stood out|was among the strongest we read|was one of the
      better ones on our desk}, {which made this harder|so this was a close call|and we want you
      to know that}.
    - {The hiring team|Our recruiters|The hiring manager} {read|went through} {your
      application|your CV and cover letter|the materials you sent} {with interest|carefully|in
      full}.
    - {Thank you|Thanks} for {applying|your application} {to|for} the <role>
      {gig|contract|project|opening} {on our platform|through our site|}.
    - {Your|The} {background|portfolio|written application} {is|was} {impressive|genuinely
      strong|clearly the result of a lot of work}{, and we enjoyed reading it|}.
    - {We|I} {know|realise} {that|} {applying|putting an application together} {takes|took}
      {real effort|time}, and {we are|I am} grateful {for it|you chose us}.
    - {Our|The} {screening|review} {of|for} {this|the <role>} {vacancy|role} {took|has taken}
      longer than {planned|we hoped} {because of|given} the {number|volume} of {applicants|
      submissions}.
""")

IMPLIED_LEAD_APPLICATION = bank("""
    - {Although|While} your {application|profile|CV} {was|is} {strong|impressive|well put
      together}
    - {Out of|Among} {the|a} {very large|large|strong} {pool|field|number} of {applicants|
      applications}
    - {After|Following} a {long|careful|thorough} {review|sift|screening} of {all the|every}
      {applications|submissions}
    - {Based on|Going by} your {CV|resume|written application} {alone|and cover letter|}
""")

# Decisions with no stage in them, phrased as outcomes rather than formulas.
IMPLIED_DECIDE_ANY = bank("""
    - {In the end|Ultimately|At the end of the process}, {the role|the job|the position} {went
      to|was offered to} {someone else|a different applicant}.
    - {The hiring team|The team|We} {went with|preferred} {a candidate|an applicant} {whose|with
      a} {track record|background} {closer to|more closely matching} {what the role needs|the
      brief}.
    - {You have not|You haven't} been {picked|chosen|selected} for {this one|this position|the
      role}{, I'm sorry to say|}.
    - {We are|We're} {going|moving} {ahead|forward} with {other people|other applicants} for
      {this|the <role>} {role|position}.
    - {This|That} {means|will mean} {we|the team} {won't|will not} be {taking your application
      any further|offering you the role}{ on this occasion|}.
    - {The|This} {role|position} {went|has gone} to {a colleague from inside the company|an
      internal applicant|someone already on the team}.
    - {I'm|We're} {sorry|sad} to {say|tell you} {it's|that it is} {a no|not going to be a yes}
      {for this role|this time}.
    - {Your|The} {application|candidacy} {did not|didn't} {make it|get through} {to the
      end|this time}.
""")

PRAISE_THEN = bank("""
    - {Honestly|Truly|Genuinely}, {you|your profile} {impressed|struck} {us|the team} {with|for}
      {your range|your clarity|your energy|your depth in <field>}.
    - {We|The team} {liked|valued} {a lot about|many things in} {your background|your
      approach|what you showed us}.
    - {There was|There is} {a lot|plenty} to like {in|about} your {profile|experience|work}{,
      and this was close|}.
    - {We can|We could} {easily|} {picture|see} you {thriving|doing well} {in a team like
      ours|somewhere like this}{ one day|}.
""")

INVITE_TO_REAPPLY = bank("""
    - {New|More} <role> {openings|roles} {are planned|are likely} {later this year|next
      quarter}; {we hope to hear from you then|we'd be glad if you tried again}.
    - {We'll|We will} {send you|email you} {new|fresh} {projects|openings|roles} {as they come
      in|when they are posted} {for|in} your {area|field}.
    - {Do|Please do} {keep an eye on|check} {our careers page|the jobs board|our site} {for|and
      apply for} {future|other} {roles|openings}.
    - {There will be|We're sure there will be} {other|plenty of other} {gigs|projects|roles}
      {that suit you|for you} {soon|before long}.
""")

IMPLIED_SUBJECTS_INTERVIEW = bank("""
    - {Following up|Update} {after|on} {your visit|our conversations|the panel|your onsite}
    - {Our|The} {decision|outcome}{ – <role>|}
    - {Thank you for your time|Thanks for meeting us}{ – <company>|}
    - Re: {Next steps|<role> – next steps|Following up}
    - {Update on|News about} the <role> {process|search}
""")

IMPLIED_SUBJECTS_APPLICATION = bank("""
    - <role>{ – update| – your application| application|}
    - {Update on|About} your {application|submission}{ to <company>|}
    - {Thank you for applying|Thanks for applying}{ to <company>|}
    - Your <company> {application|candidacy}
    - <role> {gig|contract|position} – {update|status}
""")

# --- terse ----------------------------------------------------------------------------

TERSE_INTERVIEW = bank("""
    - {The panel|The interview panel|The people you met} {has|have} decided {not to continue|to
      pass} {for now|at this stage|on this one}.
    - {After|Following} {the panel|your onsite|the final round|the phone screen}, {it's|it is} a
      no{ from us|}, {sorry|I'm afraid|}.
    - {Thanks for|Thank you for} {coming in|your time with the team}{, <first>|}; {we're|we
      are} {not going to|not going to be able to} {move ahead|take it further}.
    - {We|The team} {met|talked} {after your interviews|after the panel|on <weekday>} and
      {decided not to proceed|won't be making an offer}.
    - {Interviewers|The panel} {went|decided to go} {another way|with someone else}. {Thanks
      for your time|Appreciate your time}.
""")

TERSE_APPLICATION = bank("""
    - {Thanks for|Thank you for} {applying|your application}{, <first>|}; {we're|we are} not
      {taking it forward|moving ahead with it}{, sorry|}.
    - {We read|The hiring team read} your {CV|application}{ and|, but} {won't|will not} be
      {inviting you in|setting up a call}.
    - {Not|You weren't} shortlisted{ this time|, sorry| for <role>}. {Thanks for applying|Good
      luck}.
    - {Your application|Your CV} {didn't|did not} {make|get through} {the first sift|the
      shortlist}{, I'm afraid|}.
    - {The hiring manager|The team} {reviewed|looked at} your {application|profile} {and has|and
      have} decided to {pass|go with others}.
""")

TERSE_ANY = bank("""
    - {We|The team} {won't|will not} be {going ahead|continuing} {here|with this one|for now}.
    - {We've|We have} {gone|decided to go} with {someone else|another candidate}{ for this
      one|}. {Thanks|Thank you}.
    - {Sorry|Apologies}, {it's|this is} a no {for this role|this time}.
    - {Not|We are not} {proceeding|moving forward} {with you|with your candidacy}{ for <role>|}.
    - {The role|The job} {went|has gone} to {another applicant|someone else}. {Best of
      luck|All the best}.
    - {Status|Outcome}: {not selected|unsuccessful|declined}.
""")

TERSE_SUBJECTS = bank("""
    - {Interview|Panel|Onsite} {update|outcome}
    - {Application|Candidacy} {update|outcome}
    - Re: {<role>|your application|next steps|following up}
    - {Update|Status}{: <role>| – <company>|}
    - <company>
""")

# --- candid notes ---------------------------------------------------------------------

CANDID_APOLOGY = bank("""
    - {Sorry|Apologies} {for the wait|that this took so long|for the long silence}{ — it has
      been a busy month here| on my side|}.
    - {I|We} {should have|meant to have} {written|sent you this} {earlier|last week}{; thanks
      for your patience|}.
    - {Thanks|Thank you} for {chasing|nudging me|checking in}, and {sorry|apologies} {for|about}
      {leaving you waiting|the radio silence}.
    - {It took|This took} {longer|more time} than {I promised|I expected} to {get an
      answer|hear back from the team}{, sorry|}.
""")

CANDID_PERSONAL = bank("""
    - {On a personal level|Personally}, {I|we} {liked|warmed to} you {a lot|straight
      away}{, and so did the team|}.
    - {I|We} {enjoyed|appreciated} {talking with you|your enthusiasm|your questions} {a
      lot|very much}, {so|and so} {I|we} {want|wanted} to {give you|explain} the {real|actual}
      reason.
    - {You|You clearly} {have|show} {plenty of|a lot of|real} {potential|drive|promise}, and
      {I|we} {hope|trust} this {won't|will not} {discourage|put off} you.
    - {I|We} {pushed|argued} {for you|your case} {internally|with the hiring manager}, {but|yet}
      {the others|the team} {saw it differently|decided otherwise}.
""")

CANDID_REASON = bank("""
    - {Plainly|Put simply}, {the client|the team|the hiring manager} {wants|is after} {someone|a
      person} {who has|with} {already|} {run|done} {this kind of|this exact} work {in
      <field>|for several years}.
    - {The|This} {field|market} {is|has become} {crowded|very competitive}, {and|so} {most|many}
      of the {shortlisted|other} {people|candidates} {had|brought} {specialist|formal} {training|
      degrees} {as well as|and} {hands-on|directly relevant} {work|experience}.
    - {Where you shine|Your strongest side} {is|seems to be} {<field>|people-facing work|
      coordination|project work}, {which|and that} {is not|isn't} {the heart|the core} of {this
      job|what this role needs}.
    - {The panel|We} {had doubts|were unsure} {about|whether} {how much you want this kind of
      work|your reasons for the move|the role would hold your interest}.
    - {The|Our} {gap|concern} {was|is} {mainly|mostly} {around|about} {experience with <field>|
      leading a team|working with customers directly|the seniority of the role}.
    - {Several|Other} {people|candidates} {on the shortlist|we spoke to} {could point to|had}
      {more|more current} {practical|first-hand} {work|results} {in|with} <field>.
""")

CANDID_DECIDE = bank("""
    - {So|For that reason|That is why}, {we|they|the client} {have|has} decided {not to take your
      application further|to stop the process here|not to continue with you for this role}.
    - {We are|We're} going to {close|end} {the process|things} {here|at this point} {for this
      role|on our side}{, I'm afraid|}.
    - {This means|So} {the answer|their answer} {is|is, for now,} no{ for this particular
      position|}.
    - {They|The client|We} {won't|will not} be {moving ahead|going further} with {you|your
      candidacy} {for now|for this one}.
    - {I'm|We're} {calling|bringing} {it|the process} to {a close|an end} {for you|on this
      role}{ — sorry to be the bearer of this news|}.
""")

CANDID_ADVICE = bank("""
    - {Getting|Building up} {some|more} {practical|real-world} {work|experience} {in|with}
      <field> {will|would} {make you|put you in} a {much|far} stronger {position|candidate}
      {next time|for roles like this}.
    - {Roles|Positions|Openings} {closer to|that build on} your {background|current experience}
      {might be|could be} {a better|a stronger|an easier} {route|starting point|way in}.
    - {A|One} {course|project|certificate} {in|on} <field> {would|could} {make|help make} {a
      real|a big|a visible} difference {to|for} {applications like this|the next one}.
    - {If I were you|In your shoes}, {I'd|I would} {target|look at} {smaller|mid-sized}
      {teams|companies} {where|in which} {you can|you'd} {grow into|learn} {the technical
      side|this kind of role}.
""")

CANDID_TALK = bank("""
    - {Call me|Give me a ring|Drop me a line} {any time|whenever you like} {if|should} you {want|
      wish} to {talk it over|hear more}.
    - {My|The} door {is|stays} open{ if you want to chat about next steps| for a call|}.
    - {If it helps|If useful}, {I|we} {can|could} {jump on|do} a {short|quick} call {next
      week|whenever suits you}.
    - {I'm|We're} {always|} {glad|happy} to {hear from you|stay in touch}{ — this is not
      goodbye|}.
""")

FEEDBACK_FRAME = bank("""
    - {We|Our team} {try to|always} {explain|tell} {every|each} {candidate|applicant} {why|the
      reason} {we decided as we did|a decision went the way it did}.
    - {Below are|Here are} {a few|some} {notes|points} {from|on} {the process|your application}{,
      as promised|, which I hope are useful|}.
    - {Rather than|Instead of} {a standard|a template} {email|letter}, {I|we} {wanted|want} to
      {write|give you} {something|a few lines} {more useful|more personal}.
""")

CANDID_SUBJECTS = bank("""
    - Re: {next steps|our chat|the <role> role|catching up|following up}
    - {Feedback|Some feedback}{ on your application| – <role>|}
    - {Quick|Honest} {update|note}{ on <company>| on the <role> role|}
    - Re: {<company>|your candidacy|where things stand}
""")

# --- placements, gigs, speculative letters, requirements ------------------------------

PLACEMENT_THINGS = (
    "internship",
    "summer internship",
    "placement",
    "work placement",
    "traineeship",
    "apprenticeship",
    "graduate traineeship",
    "student job",
    "seasonal job",
    "working student position",
)

PLACEMENT_OPEN = bank("""
    - {Thank you|Thanks} for your {letter|email|enquiry} {about|asking about} {work|<a_thing>|
      opportunities} {with us|at <company>|in our <team> team}.
    - {Thank you|Thanks} for {your interest in|applying for} {<a_thing>|the <thing>} {at
      <company>|with our team|for <term>}.
    - {Your|The} {letter|email|application} {about|for} {<a_thing>|the <thing>} {was forwarded
      to|landed with} {our|the} <team> {team|office}.
    - {We|I} {enjoyed reading|appreciated} your {letter|note}{ and the examples you included|
      and your enthusiasm|}.
""")

PLACEMENT_DECIDE = bank("""
    - {We|The team} {can't|cannot|won't be able to} {make room for|find a place for} you {on|in}
      {our|the} <thing> {programme|scheme|intake} {for <term>|this year|in the coming months}.
    - {Unfortunately|Sadly|Regrettably}, {we|the team} {will not|won't} be {offering|able to
      offer} you {<a_thing>|the <thing>}{ on this occasion|}.
    - {All|Every one of} {our|the} <thing> {places|spots|slots} {for <term>|this year|this
      round} {have gone|are taken|went} to other {applicants|students|candidates}.
    - {Your|This} application {for|to} the <thing> {was not|has not been} {successful|selected}
      {this time|this year|}.
    - {We are|We're} not {able|in a position} to {take you on|consider you} for {<a_thing>|the
      <thing>}{ at present| this year|}.
""")

# An applicant who cannot be considered: a requirement, a rule, the way to apply.
PLACEMENT_REQUIREMENT = bank("""
    - {This|The} <thing> {is|is only} open to {students|applicants} {who are|currently}
      {enrolled|registered} {in|on} {a degree|a university course|a vocational course}.
    - {We|The company} {can only|are only able to} consider {applicants|candidates} {who|that}
      {hold|already have} the right to work in {the country|this country}.
    - {Applications|Applicants} {for|to} {this|the} {role|scheme|programme} {must|need to}
      {include|come with} {a portfolio link|a reference from a tutor|a transcript}, {which|and
      this} {was|is} {missing|not included}{ from yours|}.
    - {For|In} {this|the} {department|team}, {we|the company} {only|currently only} {hire|take
      on} {people|candidates} with {a formal qualification|a licence|prior professional
      experience} {in|as} <field>.
    - {Your|The} application {arrived|came in} {after|past} the {closing date|deadline}, {so|and}
      {we|the panel} {could not|were unable to} {consider|include} it.
    - {We|The firm} {do not|don't} {take|accept} {speculative|unsolicited} applications{ for
      this kind of role| at the moment|}; {every|all} {opening|vacancy} {is|are} {advertised|
      posted} on {our careers page|our website}.
""")

# Information paragraphs that bury the decision in a long letter; also used in negatives.
LONG_INFO = bank("""
    - {Our|The} <team> {department|group|team} {is|has always been} {small|a small one}, {and|so}
      {most|nearly all} of {its|our} {hiring|openings} {happens|come up} {once a year|in the
      spring|through our graduate scheme}.
    - {Each|Every} {year|season} {hundreds of|several hundred} people {write to|apply to} us for
      {a handful of|only a few} {places|posts}.
    - {Most|Much} of {the|our} {day-to-day|everyday} work {here|in the team} {is|involves}
      {client meetings|lab routines|site visits|reporting} {rather than|more than} {design|
      research|strategy}.
    - {Anyone|Applicants} {who wish|wishing} to be {considered|kept in mind} {for|in} {future|
      later} {intakes|rounds} {should|may} {apply|write} {again|to us} {through|via} {the
      careers page|the online form|our website}{ from <month_word>|}.
    - {Our|The} {next|annual} {intake|recruitment round|open day} {is|will be} {in|around}
      <month_word>{, and details will appear on our website|}.
    - {The|Our} {training|induction|onboarding} {programme|course} {lasts|runs for} {<small>
      weeks|<months> months} {and|,} {covers|and includes} {both|} {practical|classroom} {work|
      sessions}{ and mentoring|}.
    - {We|The company} {moved|relocated} {to|into} {new premises|a larger building} in <city>
      {last year|recently}{, and the team has grown since|}.
""")

GIG_DECIDE = bank("""
    - {Unfortunately|Sadly}, {this|the <role>} {gig|project|contract} {went|has gone} to
      {another freelancer|someone else on the platform}.
    - {Your|This} {proposal|application} for {the <role> gig|this project} {was not|wasn't}
      {chosen|accepted} by the {client|business}{ this time|}.
    - {The client|The business|<company>} {picked|hired} a {freelancer|contractor} {whose|with a}
      {portfolio|track record} {closer to|better matching} the {brief|client's needs}.
""")

PLACEMENT_SUBJECTS = bank("""
    - {Your|The} <thing>{ application| enquiry|}
    - {Re: |}<thing> {for <term>|at <company>|– update}
    - {Re: your enquiry|Your enquiry} {about work with us|about opportunities|dated <date>}
    - {Application|Update}: <thing>
""")
